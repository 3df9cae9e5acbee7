// protoc-gen-loket: the protoc plugin that generates Loket's Swift message types, service protocols and router
// glue, and (through protoc-gen-c) the protobuf-c code they are built on. See scripts/generate.sh.
import CProtocPlugin
import Foundation

func generate(_ requestData: Data) throws -> [(name: String, content: String)] {
    let unpacked = requestData.withUnsafeBytes { bytes in
        google__protobuf__compiler__code_generator_request__unpack(
            nil, bytes.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
    }
    guard let request = unpacked else { throw GeneratorError("could not read the CodeGeneratorRequest") }
    defer { google__protobuf__compiler__code_generator_request__free_unpacked(request, nil) }

    let reader = RequestReader(request: request)
    let options = try GeneratorOptions(parameter: reader.parameter)
    let allFiles = reader.files()
    let toGenerate = Set(reader.filesToGenerate)
    let types = TypeTable(files: allFiles)

    var output: [(name: String, content: String)] = []
    var headers: [String: String] = [:]
    for file in try ProtocC(executable: options.protocGenC).run(request: Data(reader.serializedForProtocC())) {
        if file.name.hasSuffix(".h") {
            headers[file.name] = file.content
            output.append(("c/include/" + file.name, file.content))
        } else {
            output.append(("c/generated/" + file.name, file.content))
        }
    }
    for file in allFiles where toGenerate.contains(file.name) {
        let swift = FileGenerator(file: file, types: types, options: options)
        output.append(("swift/" + swift.outputName, swift.generate()))
        let stem = file.name.hasSuffix(".proto") ? String(file.name.dropLast(6)) : file.name
        let accessors = CAccessorGenerator(file: file, protocCHeader: headers[stem + ".pb-c.h"] ?? "")
        output.append(("c/include/" + accessors.headerPath, try accessors.generate()))
    }
    let descriptorSet = ProtoFilesGenerator(files: allFiles, options: options)
    output.append(("swift/" + descriptorSet.outputName, descriptorSet.generate()))
    return output
}

let requestData = FileHandle.standardInput.readDataToEndOfFile()
var response = PluginResponse()
do {
    response.files = try generate(requestData)
} catch {
    response.error = "protoc-gen-loket: \(error)"
}
FileHandle.standardOutput.write(response.serialized())
