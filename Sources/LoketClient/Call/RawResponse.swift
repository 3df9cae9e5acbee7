import LoketRPC

/// What a finished call produced before the response message is decoded.
struct RawResponse: Sendable {
    /// The response headers' metadata.
    var headers: Metadata
    /// The one serialized response message.
    var message: [UInt8]
    /// The trailers' metadata.
    var trailers: Metadata
}
