import CProtocPlugin
import CProtobufC

/// Turns the protobuf-c structs of a CodeGeneratorRequest into the generator's model.
///
/// This is the only place in the generator that reads C pointers; everything it returns is Swift-owned.
struct RequestReader {
    typealias Request = Google__Protobuf__Compiler__CodeGeneratorRequest

    let request: UnsafeMutablePointer<Request>

    var filesToGenerate: [String] {
        buffer(request.pointee.file_to_generate, request.pointee.n_file_to_generate).map { String(cString: $0!) }
    }

    var parameter: String {
        request.pointee.parameter.map { String(cString: $0) } ?? ""
    }

    /// The request as protoc-gen-c should see it: the same files, without Loket's own parameters.
    func serializedForProtocC() -> [UInt8] {
        let parameter = request.pointee.parameter
        request.pointee.parameter = nil
        defer { request.pointee.parameter = parameter }
        let size = google__protobuf__compiler__code_generator_request__get_packed_size(request)
        return [UInt8](unsafeUninitializedCapacity: size) { bytes, count in
            count = google__protobuf__compiler__code_generator_request__pack(request, bytes.baseAddress!)
        }
    }

    /// Every file in the request (those to generate and their imports), in dependency order.
    func files() -> [ProtoFile] {
        buffer(request.pointee.proto_file, request.pointee.n_proto_file).map { file($0!) }
    }

    private func file(_ f: UnsafeMutablePointer<Google__Protobuf__FileDescriptorProto>) -> ProtoFile {
        let comments = Comments(f.pointee.source_code_info)
        let package = string(f.pointee.package)
        let isProto2 = string(f.pointee.syntax).isEmpty || string(f.pointee.syntax) == "proto2"
        var prefix: String?
        if let options = f.pointee.options, let swiftPrefix = options.pointee.swift_prefix {
            prefix = String(cString: swiftPrefix)
        }
        let scope = package.isEmpty ? "" : package + "."
        let messages = buffer(f.pointee.message_type, f.pointee.n_message_type).enumerated().map { i, m in
            message(m!, scope: scope, path: [4, Int32(i)], comments: comments, isProto2: isProto2)
        }
        let enums = buffer(f.pointee.enum_type, f.pointee.n_enum_type).enumerated().map { i, e in
            enumeration(e!, scope: scope, path: [5, Int32(i)], comments: comments)
        }
        let services = buffer(f.pointee.service, f.pointee.n_service).enumerated().map { i, s in
            service(s!, scope: scope, path: [6, Int32(i)], comments: comments)
        }
        return ProtoFile(
            name: string(f.pointee.name), package: package, swiftPrefix: prefix,
            dependencies: buffer(f.pointee.dependency, f.pointee.n_dependency).map { String(cString: $0!) },
            messages: messages, enums: enums, services: services,
            serializedDescriptor: serializeWithoutSourceInfo(f))
    }

    private func message(
        _ m: UnsafeMutablePointer<Google__Protobuf__DescriptorProto>, scope: String, path: [Int32],
        comments: Comments, isProto2: Bool
    ) -> ProtoMessage {
        let name = string(m.pointee.name)
        let fullName = scope + name
        let fields = buffer(m.pointee.field, m.pointee.n_field).enumerated().map { i, f in
            let f = f!.pointee
            return ProtoField(
                name: string(f.name), number: f.number,
                label: ProtoField.Label(rawValue: Int32(f.label.rawValue)) ?? .optional,
                kind: ProtoField.Kind(rawValue: Int32(f.type.rawValue)) ?? .int32,
                typeName: string(f.type_name),
                oneofIndex: f.has_oneof_index != 0 ? Int(f.oneof_index) : nil,
                isProto3Optional: f.has_proto3_optional != 0 && f.proto3_optional != 0,
                isProto2: isProto2,
                comment: comments[path + [2, Int32(i)]])
        }
        let nested = buffer(m.pointee.nested_type, m.pointee.n_nested_type).enumerated().map { i, n in
            message(n!, scope: fullName + ".", path: path + [3, Int32(i)], comments: comments, isProto2: isProto2)
        }
        let enums = buffer(m.pointee.enum_type, m.pointee.n_enum_type).enumerated().map { i, e in
            enumeration(e!, scope: fullName + ".", path: path + [4, Int32(i)], comments: comments)
        }
        let isMapEntry = m.pointee.options.map { $0.pointee.has_map_entry != 0 && $0.pointee.map_entry != 0 } ?? false
        return ProtoMessage(
            name: name, fullName: fullName, fields: fields,
            oneofNames: buffer(m.pointee.oneof_decl, m.pointee.n_oneof_decl).map { string($0!.pointee.name) },
            nestedMessages: nested, nestedEnums: enums, isMapEntry: isMapEntry, comment: comments[path])
    }

    private func enumeration(
        _ e: UnsafeMutablePointer<Google__Protobuf__EnumDescriptorProto>, scope: String, path: [Int32],
        comments: Comments
    ) -> ProtoEnum {
        let values = buffer(e.pointee.value, e.pointee.n_value).enumerated().map { i, v in
            ProtoEnum.Value(name: string(v!.pointee.name), number: v!.pointee.number, comment: comments[path + [2, Int32(i)]])
        }
        let name = string(e.pointee.name)
        return ProtoEnum(name: name, fullName: scope + name, values: values, comment: comments[path])
    }

    private func service(
        _ s: UnsafeMutablePointer<Google__Protobuf__ServiceDescriptorProto>, scope: String, path: [Int32],
        comments: Comments
    ) -> ProtoService {
        let methods = buffer(s.pointee.method, s.pointee.n_method).enumerated().map { i, m in
            let m = m!.pointee
            return ProtoService.Method(
                name: string(m.name), inputType: string(m.input_type), outputType: string(m.output_type),
                clientStreaming: m.has_client_streaming != 0 && m.client_streaming != 0,
                serverStreaming: m.has_server_streaming != 0 && m.server_streaming != 0,
                comment: comments[path + [2, Int32(i)]])
        }
        let name = string(s.pointee.name)
        return ProtoService(name: name, fullName: scope + name, methods: methods, comment: comments[path])
    }

    /// Packs the FileDescriptorProto with its source info left out (reflection clients do not need it).
    private func serializeWithoutSourceInfo(_ f: UnsafeMutablePointer<Google__Protobuf__FileDescriptorProto>) -> [UInt8] {
        let sourceInfo = f.pointee.source_code_info
        f.pointee.source_code_info = nil
        defer { f.pointee.source_code_info = sourceInfo }
        let size = google__protobuf__file_descriptor_proto__get_packed_size(f)
        return [UInt8](unsafeUninitializedCapacity: size) { bytes, count in
            count = google__protobuf__file_descriptor_proto__pack(f, bytes.baseAddress!)
        }
    }

    private func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func buffer<T>(_ start: UnsafeMutablePointer<T>?, _ count: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(start: count > 0 ? start : nil, count: count)
    }
}

/// Leading comments of a file's declarations, by source-info path.
struct Comments {
    private var byPath: [[Int32]: String] = [:]

    init(_ info: UnsafeMutablePointer<Google__Protobuf__SourceCodeInfo>?) {
        guard let info else { return }
        for location in UnsafeBufferPointer(start: info.pointee.location, count: info.pointee.n_location) {
            guard let location, let comment = location.pointee.leading_comments else { continue }
            let path = Array(UnsafeBufferPointer(start: location.pointee.path, count: location.pointee.n_path))
            byPath[path] = String(cString: comment)
        }
    }

    subscript(path: [Int32]) -> String { byPath[path] ?? "" }
}
