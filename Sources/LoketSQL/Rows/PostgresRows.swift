/// The result of a statement: its columns, rows and command tag, copied out of libpq into Swift memory.
///
/// All values sit in one byte buffer, so a result costs two allocations however many rows it has; rows are
/// cheap views into it and may be passed between tasks.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// Where a value sits in `bytes`; a negative length is NULL.
    package struct Cell: Sendable {
        package var offset: Int
        package var length: Int

        package init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }

    /// The columns, in order.
    public let columns: [PostgresColumn]
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String
    /// Rows inserted, updated, deleted, selected, … as the command tag counts them; nil for other commands.
    public let affectedRows: Int?
    let bytes: [UInt8]
    let cells: [Cell]

    package init(columns: [PostgresColumn], commandTag: String, affectedRows: Int?, bytes: [UInt8], cells: [Cell]) {
        self.columns = columns
        self.commandTag = commandTag
        self.affectedRows = affectedRows
        self.bytes = bytes
        self.cells = cells
    }

    /// A result without rows.
    static let empty = PostgresRows(columns: [], commandTag: "", affectedRows: nil, bytes: [], cells: [])

    /// The first row's index.
    public var startIndex: Int { 0 }
    /// One past the last row's index.
    public var endIndex: Int { columns.isEmpty ? 0 : cells.count / columns.count }

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        precondition(position >= startIndex && position < endIndex, "row index out of range")
        return PostgresRow(rows: self, index: position)
    }

    /// The index of a column by name (the first one, if several have it).
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    func cellBytes(row: Int, column: Int) -> ArraySlice<UInt8>? {
        let cell = cells[row * columns.count + column]
        guard cell.length >= 0 else { return nil }
        return bytes[cell.offset..<cell.offset + cell.length]
    }
}
