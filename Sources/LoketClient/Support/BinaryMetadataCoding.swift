#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Base64 for `-bin` metadata values: unpadded output, padded or unpadded input.
enum BinaryMetadataCoding {
    static func encode(_ data: Data) -> String {
        var text = data.base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return text
    }

    static func decode(_ text: Substring) -> Data? {
        var padded = String(text)
        switch padded.utf8.count % 4 {
        case 1: return nil
        case 2: padded += "=="
        case 3: padded += "="
        default: break
        }
        return Data(base64Encoded: padded)
    }
}
