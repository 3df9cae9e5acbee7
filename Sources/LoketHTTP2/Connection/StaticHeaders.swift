import CNGHTTP2

/// Header blocks every call sends unchanged, built once in memory that is never freed, so that nghttp2 can use
/// them without copying (NO_COPY flags).
enum StaticHeaders {
    /// An `nghttp2_nv` array that lives for the whole process.
    struct Block: @unchecked Sendable {
        // Immutable after creation and never freed.
        let fields: UnsafePointer<nghttp2_nv>
        let count: Int

        init(_ pairs: [(String, String)]) {
            let bytes = pairs.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
            let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes, 1))
            let nva = UnsafeMutablePointer<nghttp2_nv>.allocate(capacity: pairs.count)
            var offset = 0
            for (i, (name, value)) in pairs.enumerated() {
                let nameStart = storage + offset
                for byte in name.utf8 { storage[offset] = byte; offset += 1 }
                let valueStart = storage + offset
                for byte in value.utf8 { storage[offset] = byte; offset += 1 }
                nva[i] = nghttp2_nv(
                    name: nameStart, value: valueStart, namelen: name.utf8.count, valuelen: value.utf8.count,
                    flags: UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue))
            }
            fields = UnsafePointer(nva)
            count = pairs.count
        }
    }

    /// The headers of a successful response without custom metadata or compression.
    static let response = Block([
        (":status", "200"), ("content-type", "application/grpc"),
        ("grpc-accept-encoding", MessageCompression.acceptEncodingHeader),
    ])

    /// The trailers of a call that ended OK without trailing metadata.
    static let okTrailers = Block([("grpc-status", "0")])
}
