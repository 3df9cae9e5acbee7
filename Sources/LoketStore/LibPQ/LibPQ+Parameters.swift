import CLibPQ

extension LibPQ {
    /// Queues `query` on `connection` with its values bound: under its prepared `name`, or with its SQL text when
    /// it has none. libpq's 1 or 0; throws for values libpq cannot take (``withParameters(_:_:)``).
    static func sendQuery(
        _ query: PostgresQuery, named name: String?, format: PostgresFormat, on connection: OpaquePointer
    ) throws(StoreError) -> Int32 {
        try withParameters(query.bindings) { count, types, values, lengths, formats in
            if let name {
                PQsendQueryPrepared(connection, name, count, values, lengths, formats, format.rawValue)
            } else {
                PQsendQueryParams(connection, query.sql, count, types, values, lengths, formats, format.rawValue)
            }
        }
    }

    /// Lays the parameters out for `PQsendQueryParams`/`PQsendQueryPrepared`: all values in one buffer (text
    /// values NUL-terminated, as libpq reads them with `strlen`), the arrays libpq wants on the stack; pointers
    /// valid only inside `body`. One heap allocation per statement, however many parameters it has.
    static func withParameters<Result>(
        _ bindings: [PostgresBinding],
        _ body: (
            _ count: Int32, _ types: UnsafePointer<Oid>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) -> Result
    ) throws(StoreError) -> Result {
        var size = 1
        for (index, binding) in bindings.enumerated() {
            guard let bytes = binding.bytes else { continue }
            if binding.format == .text, bytes.contains(0) {
                let failure = LibPQError("parameter $\(index + 1) holds a NUL character, which text cannot")
                throw StoreError(.invalidValue, cause: failure)
            }
            size += bytes.count + 1
        }
        let count = bindings.count
        // Never empty, so that an empty binary value still gets a non-nil pointer (nil means NULL).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { buffer in
            withUnsafeTemporaryAllocation(of: Oid.self, capacity: max(count, 1)) { types in
                withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: max(count, 1)) { values in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(count, 1) * 2) { numbers in
                        let base = UnsafeMutableRawPointer(buffer.baseAddress!)
                        var offset = 0
                        for (index, binding) in bindings.enumerated() {
                            types[index] = binding.type.rawValue
                            numbers[count + index] = binding.format.rawValue
                            guard let bytes = binding.bytes else {
                                values[index] = nil
                                numbers[index] = 0
                                continue
                            }
                            bytes.withUnsafeBytes { source in
                                if let address = source.baseAddress {
                                    (base + offset).copyMemory(from: address, byteCount: source.count)
                                }
                            }
                            values[index] = UnsafePointer((base + offset).assumingMemoryBound(to: CChar.self))
                            numbers[index] = Int32(bytes.count)
                            offset += bytes.count
                            buffer[offset] = 0
                            offset += 1
                        }
                        buffer[offset] = 0
                        return body(
                            Int32(count), types.baseAddress, values.baseAddress, numbers.baseAddress,
                            numbers.baseAddress.map { $0 + count })
                    }
                }
            }
        }
    }
}
