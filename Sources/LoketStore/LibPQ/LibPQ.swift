import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The libpq calls that connections and the listener share. ``connect(_:)`` blocks: call it on a thread of its own
/// (``BlockingCall``, the listener's thread), never on the cooperative pool or an event loop.
enum LibPQ {
    /// Opens a connection; the configuration's connection string may override the defaults placed before it,
    /// never the client encoding placed after it (libpq keeps the last value of a repeated keyword).
    static func connect(_ configuration: PostgresConfiguration) throws(StoreError) -> OpaquePointer {
        let seconds = configuration.connectTimeout.components.seconds
            + (configuration.connectTimeout.components.attoseconds > 0 ? 1 : 0)
        var parameters: [(String, String)] = [
            ("application_name", configuration.applicationName),
            ("connect_timeout", String(max(2, seconds))),
        ]
        if let connectionString = configuration.connectionString {
            parameters.append(("dbname", connectionString))
        }
        parameters.append(("client_encoding", "UTF8"))
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        let connection = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keywordList in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valueList in
                PQconnectdbParams(keywordList.baseAddress, valueList.baseAddress, 1)
            }
        }
        for pointer in keywords + values { free(pointer) }
        guard let connection else {
            throw StoreError(.connectionFailed, cause: LibPQError("out of memory"))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let failure = LibPQError(errorMessage(connection))
            PQfinish(connection)
            throw StoreError(.connectionFailed, cause: failure)
        }
        return connection
    }

    /// Whether `result` reports a failure (an error, a bad response, a pipeline statement skipped after one).
    static func isFailure(_ result: OpaquePointer) -> Bool {
        switch PQresultStatus(result) {
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_PIPELINE_ABORTED: true
        default: false
        }
    }

    /// The connection's last error message, without the trailing newline.
    static func errorMessage(_ connection: OpaquePointer) -> String {
        guard let message = PQerrorMessage(connection) else { return "unknown error" }
        return String(cString: message).trimmingTrailingNewlines()
    }

    /// The server's diagnostic in a failed result, if the server sent one.
    static func serverError(_ result: OpaquePointer) -> PostgresServerError? {
        func field(_ code: Unicode.Scalar) -> String? {
            PQresultErrorField(result, Int32(UInt8(ascii: code))).map { String(cString: $0) }
        }
        guard let state = field("C") else { return nil }
        return PostgresServerError(
            sqlState: state, severity: field("V"), message: field("M") ?? "", detail: field("D"), hint: field("H"),
            constraint: field("n"), table: field("t"), column: field("c"))
    }

    /// Copies a result's columns and values into Swift memory.
    static func rows(from result: OpaquePointer) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<Int32(columnCount)).map { column in
            PostgresColumn(
                name: String(cString: PQfname(result, column)),
                type: PostgresDataType(rawValue: PQftype(result, column)),
                format: PQfformat(result, column) == 1 ? .binary : .text)
        }
        var total = 0
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) { total += Int(PQgetlength(result, row, column)) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var cells: [PostgresRows.Cell] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else {
                    cells.append(PostgresRows.Cell(offset: 0, length: -1))
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                cells.append(PostgresRows.Cell(offset: bytes.count, length: length))
                UnsafeRawBufferPointer(start: value, count: length).withMemoryRebound(to: UInt8.self) {
                    bytes.append(contentsOf: $0)
                }
            }
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) }
        return PostgresRows(columns: columns, commandTag: tag, affectedRows: affected, bytes: bytes, cells: cells)
    }
}
