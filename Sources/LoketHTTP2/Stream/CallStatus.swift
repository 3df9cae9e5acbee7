import LoketRPC

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The status a call ends with, and its trailer fields.
struct CallStatus {
    var code: StatusCode
    var message: String
    var trailers: Metadata

    static let ok = CallStatus(code: .ok, message: "", trailers: Metadata())

    init(code: StatusCode, message: String, trailers: Metadata = Metadata()) {
        self.code = code
        self.message = message
        self.trailers = trailers
    }

    /// The status for what a handler threw: its RPCError, CANCELLED for cancellation, else UNKNOWN with a generic
    /// message (internal details stay in the server log).
    init(error: any Error) {
        switch error {
        case let error as RPCError:
            var trailers = error.metadata
            if !error.details.isEmpty {
                trailers.addBinary(Data(error.statusDetails()), forKey: "grpc-status-details-bin")
            }
            self.init(code: error.code, message: error.message, trailers: trailers)
        case is CancellationError:
            self.init(code: .cancelled, message: "the call was cancelled")
        default:
            self.init(code: .unknown, message: "the server failed to handle the call")
        }
    }

    /// Status messages longer than this many UTF-8 bytes are cut (at a character boundary), so that a message
    /// echoing client input cannot outgrow the client's header limit.
    static let maxMessageBytes = 1024

    static func truncated(_ message: String) -> String {
        guard message.utf8.count > maxMessageBytes else { return message }
        var result = ""
        for character in message {
            if result.utf8.count + character.utf8.count > maxMessageBytes - 3 { break }
            result.append(character)
        }
        return result + "..."
    }

    /// `grpc-status`, `grpc-message` (percent-encoded) and the trailing metadata, as header fields.
    func headerFields() -> [(String, String)] {
        var fields = [("grpc-status", String(code.rawValue))]
        if !message.isEmpty { fields.append(("grpc-message", PercentEncoding.encode(Self.truncated(message)))) }
        fields.append(contentsOf: MetadataFields.encode(trailers))
        return fields
    }
}

/// Metadata as HTTP/2 header fields: binary values base64 without padding.
enum MetadataFields {
    static func encode(_ metadata: Metadata) -> [(String, String)] {
        metadata.map { entry in
            switch entry.value {
            case .string(let text): (entry.key, text)
            case .binary(let data): (entry.key, Base64Metadata.encode(data))
            }
        }
    }
}
