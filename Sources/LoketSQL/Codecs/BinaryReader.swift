/// Reads PostgreSQL's binary formats (network byte order) from a slice, failing cleanly on short input.
struct BinaryReader {
    private(set) var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { bytes.isEmpty }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws(PostgresDecodingFailure) -> T {
        let size = MemoryLayout<T>.size
        guard bytes.count >= size else { throw PostgresDecodingFailure("binary value is truncated") }
        // Accumulated unsigned, so that sign bits of signed types come out right when truncated.
        var value: UInt64 = 0
        for byte in bytes.prefix(size) { value = value << 8 | UInt64(byte) }
        bytes.removeFirst(size)
        return T(truncatingIfNeeded: value)
    }

    mutating func readBytes(_ count: Int) throws(PostgresDecodingFailure) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count >= count else { throw PostgresDecodingFailure("binary value is truncated") }
        let slice = bytes.prefix(count)
        bytes.removeFirst(count)
        return slice
    }
}
