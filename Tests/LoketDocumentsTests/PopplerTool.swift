import Foundation

/// Runs poppler-utils on PDF bytes (pdftotext, pdfinfo, pdffonts), the way a reader of the PDF would see it.
enum PopplerTool {
    /// The standard output of `tool arguments... <file> [-]` for `pdf` written to a temporary file.
    static func run(_ tool: String, _ arguments: [String] = [], on pdf: [UInt8], toStandardOutput: Bool = false) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments + [file.path] + (toStandardOutput ? ["-"] : [])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of `pdf`, laid out as on the page.
    static func text(_ pdf: [UInt8]) throws -> String {
        try run("pdftotext", ["-layout", "-enc", "UTF-8"], on: pdf, toStandardOutput: true)
    }

    /// One field of `pdfinfo` (such as `Pages` or `Title`), trimmed.
    static func info(_ pdf: [UInt8], _ field: String) throws -> String? {
        let output = try run("pdfinfo", ["-isodates"], on: pdf)
        for line in output.split(separator: "\n") where line.hasPrefix(field + ":") {
            return line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
