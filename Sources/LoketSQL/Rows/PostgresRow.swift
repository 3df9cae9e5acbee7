/// One row of a ``PostgresRows`` result, read by column index or name into ``PostgresDecodable`` types.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    /// The result's columns.
    public var columns: [PostgresColumn] { rows.columns }

    /// Reads the value of the column at `column` (from 0) as `type`; throws ``StoreError`` `decoding`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard column >= 0, column < rows.columns.count else {
            throw StoreError(.decoding, cause: PostgresDecodingFailure("column \(column) does not exist"))
        }
        let description = rows.columns[column]
        do {
            if let bytes = rows.cellBytes(row: index, column: column) {
                return try T.decode(bytes, type: description.type, format: description.format)
            }
            return try T.decodeNull()
        } catch {
            var failure = error
            failure.column = description.name
            failure.postgresType = description.type
            failure.swiftType = String(describing: T.self)
            throw StoreError(.decoding, cause: failure)
        }
    }

    /// Reads the value of the column called `name` as `type`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let column = rows.columnIndex(named: name) else {
            throw StoreError(.decoding, cause: PostgresDecodingFailure("there is no column \"\(name)\""))
        }
        return try decode(type, at: column)
    }

    /// Reads the first columns in order, one per type: `let (id, name) = try row.decode(Int.self, String.self)`.
    public func decode<each T: PostgresDecodable>(_ types: repeat (each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<Value: PostgresDecodable>(_ type: Value.Type) throws -> Value {
            defer { column += 1 }
            return try decode(type, at: column)
        }
        return (repeat try next(each types))
    }

    /// Whether the value at `column` is NULL.
    public func isNull(at column: Int) -> Bool {
        rows.cellBytes(row: index, column: column) == nil
    }
}
