import Foundation

/// The text of a PDF, for search, by poppler's `pdftotext` (Debian package `poppler-utils`), which reads PDFs far
/// better than anything small written here could.
///
/// The tool runs in its own process under `timeout`, so a hostile or broken file costs at most a few seconds of one
/// process and never the server. Without the tool, or when it fails, the text is empty: the attachment is stored
/// and hashed all the same, only its words are not searchable.
enum PDFText {
    static let tool = "/usr/bin/pdftotext"
    static let timeoutTool = "/usr/bin/timeout"
    /// Pages read, at most.
    static let maxPages = 200
    /// Characters kept, at most.
    static let maxCharacters = 200_000

    /// Whether the tools are installed.
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: tool) && FileManager.default.isExecutableFile(atPath: timeoutTool)
    }

    /// The PDF's text, or "" when it has none or cannot be read. Runs off the caller's executor.
    static func extract(_ pdf: Data, timeoutSeconds: Int = 10) async -> String {
        guard isAvailable, pdf.starts(with: Array("%PDF-".utf8)) else { return "" }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: run(pdf, timeoutSeconds: timeoutSeconds))
            }
        }
    }

    /// Runs the tool, blocking the current thread.
    private static func run(_ pdf: Data, timeoutSeconds: Int) -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try pdf.write(to: input, options: .withoutOverwriting)
        } catch {
            return ""
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: timeoutTool)
        process.arguments = [
            "-s", "KILL", String(timeoutSeconds), tool, "-q", "-enc", "UTF-8", "-l", String(maxPages), input.path, "-",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ""
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.unicodeScalars.lazy.filter { $0 != "\u{0}" && $0 != "\u{c}" }.prefix(maxCharacters).map(Character.init))
    }
}
