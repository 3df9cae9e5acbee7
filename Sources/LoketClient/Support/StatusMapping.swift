import LoketRPC

/// How HTTP-level failures become gRPC statuses on the client, per the gRPC specification.
enum StatusMapping {
    /// The status for a response whose `:status` is not 200 ("HTTP to gRPC status code mapping").
    static func code(forHTTPStatus status: Int) -> StatusCode {
        switch status {
        case 400: .internal
        case 401: .unauthenticated
        case 403: .permissionDenied
        case 404: .unimplemented
        case 429, 502, 503, 504: .unavailable
        default: .unknown
        }
    }

    /// The status for a stream the server reset before sending a status ("Errors" in PROTOCOL-HTTP2).
    static func code(forResetCode errorCode: UInt32) -> StatusCode {
        switch errorCode {
        case 0x7: .unavailable  // REFUSED_STREAM: the server did not process the request
        case 0x8: .cancelled  // CANCEL
        case 0xb: .resourceExhausted  // ENHANCE_YOUR_CALM
        case 0xc: .permissionDenied  // INADEQUATE_SECURITY
        default: .internal  // NO_ERROR, PROTOCOL_ERROR, INTERNAL_ERROR, FLOW_CONTROL_ERROR, ...
        }
    }

    /// The HTTP/2 name of an error code, for messages.
    static func name(ofResetCode errorCode: UInt32) -> String {
        let names = [
            "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
            "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR",
            "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
        ]
        return errorCode < names.count ? names[Int(errorCode)] : "error code \(errorCode)"
    }
}
