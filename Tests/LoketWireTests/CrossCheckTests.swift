import Foundation
import LoketConformance
import LoketRPC
import LoketWire
import Testing

/// Bytes from protobuf-c must decode in Python's protobuf library and the other way round.
///
/// Python builds its message classes from the descriptor set that Loket embeds for reflection, so this also checks
/// that the embedded descriptors are complete and valid.
@Suite("Cross-check with Python's protobuf library")
struct CrossCheckTests {
    @Test("Python decodes what Loket encodes", arguments: Samples.all)
    func pythonDecodesLoket(sample: Sample) throws {
        let hex = sample.value.serializedBytes().map { String(format: "%02x", $0) }.joined()
        let result = try Python.run(["compare", Python.descriptorSet, "loket.conformance.v1.AllTypes", sample.json, hex])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("Loket decodes what Python encodes", arguments: Samples.all)
    func loketDecodesPython(sample: Sample) throws {
        let result = try Python.run(["encode", Python.descriptorSet, "loket.conformance.v1.AllTypes", sample.json])
        try #require(result.status == 0, "\(result.output)")
        let bytes = try #require(Python.bytes(fromHex: result.output))
        let decoded = try AllTypes(serializedBytes: bytes)
        #expect(decoded == sample.value)
    }

    @Test("scalar-only messages encode to the same bytes as Python's")
    func identicalBytes() throws {
        for sample in [Samples.empty, Samples.scalars, Samples.presentZeros] {
            let result = try Python.run(["encode", Python.descriptorSet, "loket.conformance.v1.AllTypes", sample.json])
            try #require(result.status == 0, "\(result.output)")
            #expect(Python.bytes(fromHex: result.output) == sample.value.serializedBytes(), "\(sample.name)")
        }
    }
}

/// Runs Tests/CrossCheck/protobuf_crosscheck.py with the project's virtual environment.
enum Python {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `LOKET_PYTHON`, or the virtual environment the test command creates.
    static var interpreter: String {
        ProcessInfo.processInfo.environment["LOKET_PYTHON"] ?? root.appendingPathComponent(".venv/bin/python").path
    }

    /// The embedded descriptor set, written once as a FileDescriptorSet file.
    static let descriptorSet: String = {
        var set: [UInt8] = []
        for file in LoketConformanceProtoFiles.all {
            set.append(0x0a)  // FileDescriptorSet.file, length-delimited
            var length = file.serializedBytes.count
            while length >= 0x80 {
                set.append(UInt8(length & 0x7f) | 0x80)
                length >>= 7
            }
            set.append(UInt8(length))
            set += file.serializedBytes
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("loket-conformance-\(getpid()).pb")
        try! Data(set).write(to: path)
        return path.path
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter)
        process.arguments = [root.appendingPathComponent("Tests/CrossCheck/protobuf_crosscheck.py").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
