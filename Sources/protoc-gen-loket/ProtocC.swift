import CProtocPlugin
import Foundation

/// Runs protoc-c's plugin (`protoc-gen-c`) on the same CodeGeneratorRequest and returns the files it wrote.
///
/// protoc refuses proto3 `optional` for protoc-gen-c because that plugin does not declare support, although its
/// output handles such fields (as one-member oneofs). Running it from here, under a plugin that does declare
/// support, lets protos use `optional`.
struct ProtocC {
    let executable: String

    func run(request: Data) throws -> [(name: String, content: String)] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("loket-request-\(getpid()).bin")
        try request.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let response = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GeneratorError("\(executable) exited with status \(process.terminationStatus)")
        }
        return try decode(response)
    }

    private func decode(_ data: Data) throws -> [(name: String, content: String)] {
        let unpacked = data.withUnsafeBytes { bytes in
            google__protobuf__compiler__code_generator_response__unpack(
                nil, bytes.count, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self))
        }
        guard let response = unpacked else { throw GeneratorError("\(executable) wrote an unreadable response") }
        defer { google__protobuf__compiler__code_generator_response__free_unpacked(response, nil) }
        if let error = response.pointee.error {
            throw GeneratorError("\(executable): \(String(cString: error))")
        }
        return UnsafeBufferPointer(start: response.pointee.file, count: response.pointee.n_file).map { file in
            (String(cString: file!.pointee.name), String(cString: file!.pointee.content))
        }
    }
}
