import CLibPQ

extension LibPQ {
    /// Queues `query` on `connection` with its values bound: under its prepared `name`, or with its SQL text when
    /// it has none. libpq's 1 or 0; throws for values libpq cannot take (``withParameters(_:_:)``).
    static func sendQuery(
        _ query: PostgresQuery, named name: String?, format: PostgresFormat, on connection: OpaquePointer
    ) throws(StoreError) -> Int32 {
        try withParameters(query.bindings) { count, types, values, lengths, formats in
            if let name {
                // Explicitly: the implicit conversion copies a small string (statement names are) to the heap.
                name.withCString { name in
                    PQsendQueryPrepared(connection, name, count, values, lengths, formats, format.rawValue)
                }
            } else {
                PQsendQueryParams(connection, query.sql, count, types, values, lengths, formats, format.rawValue)
            }
        }
    }

    /// Lays the parameters out for `PQsendQueryParams`/`PQsendQueryPrepared` in one temporary block (on the stack
    /// when small): the value pointers, the types, the lengths and formats, then all values (text values
    /// NUL-terminated, as libpq reads them with `strlen`); pointers valid only inside `body`.
    ///
    /// One block rather than one temporary allocation per array: each nested closure retained and released the
    /// captured query and statement name again (about 24 reference-count operations per statement).
    static func withParameters<Result>(
        _ bindings: [PostgresBinding],
        _ body: (
            _ count: Int32, _ types: UnsafePointer<Oid>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?,
            _ lengths: UnsafePointer<Int32>?, _ formats: UnsafePointer<Int32>?
        ) -> Result
    ) throws(StoreError) -> Result {
        let count = bindings.count
        // Never empty, so that an empty binary value still gets a non-nil pointer (nil means NULL).
        var dataSize = 1
        for index in 0..<count {
            guard let bytes = bindings[index].bytes else { continue }
            if bindings[index].format == .text, bytes.contains(0) {
                let failure = LibPQError("parameter $\(index + 1) holds a NUL character, which text cannot")
                throw StoreError(.invalidValue, cause: failure)
            }
            dataSize += bytes.count + 1
        }
        let slots = max(count, 1)
        let pointersSize = slots * MemoryLayout<UnsafePointer<CChar>?>.stride
        let typesSize = slots * MemoryLayout<Oid>.stride
        let numbersSize = 2 * slots * MemoryLayout<Int32>.stride
        let blockSize = pointersSize + typesSize + numbersSize + dataSize
        return withUnsafeTemporaryAllocation(
            byteCount: blockSize, alignment: MemoryLayout<UnsafePointer<CChar>?>.alignment
        ) { block in
            let base = block.baseAddress!
            let values = base.bindMemory(to: UnsafePointer<CChar>?.self, capacity: slots)
            let types = (base + pointersSize).bindMemory(to: Oid.self, capacity: slots)
            // Lengths first, formats after them.
            let numbers = (base + pointersSize + typesSize).bindMemory(to: Int32.self, capacity: 2 * slots)
            let data = base + pointersSize + typesSize + numbersSize
            let characters = data.bindMemory(to: CChar.self, capacity: dataSize)
            var offset = 0
            for index in 0..<count {
                let binding = bindings[index]
                types[index] = binding.type.rawValue
                numbers[slots + index] = binding.format.rawValue
                guard let bytes = binding.bytes else {
                    values[index] = nil
                    numbers[index] = 0
                    continue
                }
                bytes.withUnsafeBytes { source in
                    if let address = source.baseAddress {
                        (data + offset).copyMemory(from: address, byteCount: source.count)
                    }
                }
                values[index] = UnsafePointer(characters + offset)
                numbers[index] = Int32(bytes.count)
                offset += bytes.count
                characters[offset] = 0
                offset += 1
            }
            characters[offset] = 0
            return body(Int32(count), types, values, numbers, numbers + slots)
        }
    }
}
