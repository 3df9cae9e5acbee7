extension Array where Element == UInt8 {
    /// Appends an integer in network byte order, as PostgreSQL's binary formats use.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Overwrites four bytes at `offset` with a big-endian Int32: the length prefix written after its value.
    mutating func writeBigEndian(_ value: Int32, at offset: Int) {
        Swift.withUnsafeBytes(of: value.bigEndian) { source in
            for index in 0..<4 { self[offset + index] = source[index] }
        }
    }
}
