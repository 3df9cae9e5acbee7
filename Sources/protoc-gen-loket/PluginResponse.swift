import CProtocPlugin
import Foundation

/// Builds and packs a CodeGeneratorResponse with protobuf-c.
struct PluginResponse {
    /// `FEATURE_PROTO3_OPTIONAL` in plugin.proto.
    private static let proto3Optional: UInt64 = 1

    var files: [(name: String, content: String)] = []
    var error: String?

    func serialized() -> Data {
        var response = Google__Protobuf__Compiler__CodeGeneratorResponse()
        google__protobuf__compiler__code_generator_response__init(&response)
        response.has_supported_features = 1
        response.supported_features = Self.proto3Optional

        var allocations: [UnsafeMutableRawPointer] = []
        defer { allocations.forEach { free($0) } }
        func copy(_ text: String) -> UnsafeMutablePointer<CChar> {
            let pointer = strdup(text)!
            allocations.append(pointer)
            return pointer
        }

        if let error { response.error = copy(error) }
        let fileStructs = UnsafeMutablePointer<Google__Protobuf__Compiler__CodeGeneratorResponse__File>.allocate(
            capacity: max(files.count, 1))
        let filePointers = UnsafeMutablePointer<UnsafeMutablePointer<Google__Protobuf__Compiler__CodeGeneratorResponse__File>?>
            .allocate(capacity: max(files.count, 1))
        defer {
            fileStructs.deallocate()
            filePointers.deallocate()
        }
        for (i, file) in files.enumerated() {
            google__protobuf__compiler__code_generator_response__file__init(fileStructs + i)
            fileStructs[i].name = copy(file.name)
            fileStructs[i].content = copy(file.content)
            filePointers[i] = fileStructs + i
        }
        response.n_file = files.count
        response.file = filePointers

        let size = google__protobuf__compiler__code_generator_response__get_packed_size(&response)
        var bytes = [UInt8](repeating: 0, count: size)
        _ = bytes.withUnsafeMutableBufferPointer { buffer in
            google__protobuf__compiler__code_generator_response__pack(&response, buffer.baseAddress)
        }
        return Data(bytes)
    }
}
