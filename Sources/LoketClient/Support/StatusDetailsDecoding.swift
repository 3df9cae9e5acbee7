import LoketRPC

/// Reads the `details` of a `google.rpc.Status` from `grpc-status-details-bin`: code (1), message (2) and
/// details (3, each a `google.protobuf.Any` with type_url 1 and value 2). Decoded here directly, as the server
/// encodes it: three fields do not warrant a generated module.
enum StatusDetailsDecoding {
    /// The details, or nil when the bytes are not a well-formed `google.rpc.Status`.
    static func details(from bytes: [UInt8]) -> [ErrorDetail]? {
        var details: [ErrorDetail] = []
        var reader = Reader(bytes: bytes[...])
        while !reader.isAtEnd {
            guard let (field, payload) = reader.nextField() else { return nil }
            guard field == 3, let payload else { continue }
            var any = Reader(bytes: payload)
            var typeURL = ""
            var value: [UInt8] = []
            while !any.isAtEnd {
                guard let (anyField, anyPayload) = any.nextField() else { return nil }
                if anyField == 1, let anyPayload { typeURL = String(decoding: anyPayload, as: UTF8.self) }
                if anyField == 2, let anyPayload { value = Array(anyPayload) }
            }
            details.append(ErrorDetail(typeURL: typeURL, value: value))
        }
        return details
    }

    /// Walks protobuf fields; varints and fixed-width fields are skipped, length-delimited ones returned.
    private struct Reader {
        var bytes: ArraySlice<UInt8>
        var isAtEnd: Bool { bytes.isEmpty }

        /// The next field's number and, when length-delimited, its payload; nil on malformed input.
        mutating func nextField() -> (UInt64, ArraySlice<UInt8>?)? {
            guard let key = varint() else { return nil }
            switch key & 7 {
            case 0: return varint() == nil ? nil : (key >> 3, nil)
            case 1: return skip(8) ? (key >> 3, nil) : nil
            case 5: return skip(4) ? (key >> 3, nil) : nil
            case 2:
                guard let length = varint(), length <= UInt64(bytes.count) else { return nil }
                let payload = bytes.prefix(Int(length))
                bytes = bytes.dropFirst(Int(length))
                return (key >> 3, payload)
            default: return nil
            }
        }

        private mutating func skip(_ count: Int) -> Bool {
            guard bytes.count >= count else { return false }
            bytes = bytes.dropFirst(count)
            return true
        }

        private mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = bytes.first, shift < 64 {
                bytes = bytes.dropFirst()
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
    }
}
