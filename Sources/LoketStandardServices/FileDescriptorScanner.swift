/// Reads the fully qualified message type names out of a serialized `google.protobuf.FileDescriptorProto`.
///
/// ``ProtoFileDescriptor/symbols`` mixes messages, enums, services and methods; reflection's extension queries
/// concern message types only, and Loket has no Swift type for descriptors, so this walks the few fields it needs.
enum FileDescriptorScanner {
    /// Every message type the file defines, nested ones included. Malformed input yields what was read before it.
    static func messageTypeNames(in bytes: [UInt8]) -> [String] {
        var package = ""
        var topLevel: [ArraySlice<UInt8>] = []
        forEachLengthDelimitedField(in: bytes[...]) { number, value in
            switch number {
            case 2: package = String(decoding: value, as: UTF8.self)
            case 4: topLevel.append(value)
            default: break
            }
        }
        var names: [String] = []
        // An explicit work list instead of recursion: nesting depth comes from the descriptor, not from this code.
        var pending = topLevel.map { (scope: package.isEmpty ? "" : package + ".", message: $0) }
        while let (scope, message) = pending.popLast() {
            var name = ""
            var nested: [ArraySlice<UInt8>] = []
            forEachLengthDelimitedField(in: message) { number, value in
                switch number {
                case 1: name = String(decoding: value, as: UTF8.self)
                case 3: nested.append(value)
                default: break
                }
            }
            let fullName = scope + name
            names.append(fullName)
            pending += nested.map { (scope: fullName + ".", message: $0) }
        }
        return names
    }

    /// Calls `body` with the number and contents of every length-delimited field, skipping the other wire types.
    private static func forEachLengthDelimitedField(
        in bytes: ArraySlice<UInt8>, _ body: (Int, ArraySlice<UInt8>) -> Void
    ) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let key = readVarint(bytes, at: &index) else { return }
            let skip: Int
            switch key & 7 {
            case 0:
                guard readVarint(bytes, at: &index) != nil else { return }
                skip = 0
            case 1: skip = 8
            case 2:
                guard let length = readVarint(bytes, at: &index), length <= UInt64(bytes.endIndex - index) else {
                    return
                }
                body(Int(key >> 3), bytes[index..<index + Int(length)])
                skip = Int(length)
            case 5: skip = 4
            default: return  // groups never occur in descriptors
            }
            guard skip <= bytes.endIndex - index else { return }
            index += skip
        }
    }

    private static func readVarint(_ bytes: ArraySlice<UInt8>, at index: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.endIndex, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
