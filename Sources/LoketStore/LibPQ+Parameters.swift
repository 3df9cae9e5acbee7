import CLibPQ

extension LibPQ {
    /// Lays the parameters out for `PQexecParams`/`PQexecPrepared`: all values in one buffer (text values
    /// NUL-terminated, as libpq reads them with `strlen`), pointers into it valid only inside `body`.
    static func withParameters<Result>(
        _ bindings: [PostgresBinding],
        _ body: (
            _ types: [Oid], _ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]
        ) -> Result
    ) throws(StoreError) -> Result {
        var buffer: [UInt8] = []
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        offsets.reserveCapacity(bindings.count)
        lengths.reserveCapacity(bindings.count)
        for (index, binding) in bindings.enumerated() {
            guard let bytes = binding.bytes else {
                offsets.append(nil)
                lengths.append(0)
                continue
            }
            if binding.format == .text, bytes.contains(0) {
                let failure = LibPQError("parameter $\(index + 1) holds a NUL character, which text cannot")
                throw StoreError(.invalidValue, cause: failure)
            }
            offsets.append(buffer.count)
            lengths.append(Int32(bytes.count))
            buffer.append(contentsOf: bytes)
            buffer.append(0)
        }
        // Never empty, so that an empty binary value still gets a non-nil pointer (nil means NULL).
        buffer.append(0)
        let types = bindings.map { $0.type.rawValue }
        let formats = bindings.map { $0.format.rawValue }
        return buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let values = offsets.map { offset in offset.map { UnsafePointer(base + $0) } }
            return body(types, values, lengths, formats)
        }
    }
}
