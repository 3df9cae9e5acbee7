import Foundation
import Testing

@testable import LoketHost

@Suite struct ConfigurationFileTests {
    private func parse(_ text: String) throws(ConfigurationError) -> [String: ConfigurationValue] {
        try ConfigurationFile(parsing: text, path: "test.toml").values
    }

    private func failure(_ text: String) -> ConfigurationError? {
        do {
            _ = try ConfigurationFile(parsing: text, path: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryValueForm() throws {
        let values = try parse(
            """
            [server]
            host = "0.0.0.0"
            port = 50051
            max_message_bytes = 4_194_304
            offset = -12
            plus = +7
            zero = 0
            grace_period_seconds = 2.5
            tiny = 1e-3
            big = 6.02E+23
            interop_test_service = true
            other = false
            """)
        #expect(values["server.host"] == .string("0.0.0.0"))
        #expect(values["server.port"] == .integer(50051))
        #expect(values["server.max_message_bytes"] == .integer(4_194_304))
        #expect(values["server.offset"] == .integer(-12))
        #expect(values["server.plus"] == .integer(7))
        #expect(values["server.zero"] == .integer(0))
        #expect(values["server.grace_period_seconds"] == .float(2.5))
        #expect(values["server.tiny"] == .float(0.001))
        #expect(values["server.big"] == .float(6.02e23))
        #expect(values["server.interop_test_service"] == .boolean(true))
        #expect(values["server.other"] == .boolean(false))
        #expect(values.count == 11)
    }

    @Test func keysAreQualifiedBySectionAsWritten() throws {
        let file = try ConfigurationFile(parsing: "[server]\nport = 1\n\n[ log ]\nlevel = \"debug\"\n", path: "x")
        #expect(file.values == ["server.port": .integer(1), "log.level": .string("debug")])
        #expect(file.line(of: "server.port") == 2)
        #expect(file.line(of: "log.level") == 5)
        #expect(file.line(of: "log.format") == nil)
    }

    @Test func ignoresCommentsAndBlankLinesButNotHashesInStrings() throws {
        let values = try parse(
            """
            # A comment before any section.

               # Indented comment.
            [server] # trailing comment after a header
            host = "a#b" # the hash inside the string is text
            port = 1#no space before the comment
            \t
            """)
        #expect(values == ["server.host": .string("a#b"), "server.port": .integer(1)])
    }

    @Test func resolvesEscapesAndKeepsNonASCIIText() throws {
        let values = try parse(
            #"""
            [s]
            quote = "say \"hi\""
            backslash = "C:\\loket"
            lines = "a\nb\tc\rd"
            unicode = "caf\u00E9 \u20AC"
            literal = "Brussel – Bruxelles ✓ 😀"
            mixed = "\u00e9\\u00e9"
            """#)
        #expect(values["s.quote"] == .string("say \"hi\""))
        #expect(values["s.backslash"] == .string("C:\\loket"))
        #expect(values["s.lines"] == .string("a\nb\tc\rd"))
        #expect(values["s.unicode"] == .string("café €"))
        #expect(values["s.literal"] == .string("Brussel – Bruxelles ✓ 😀"))
        #expect(values["s.mixed"] == .string("é\\u00e9"))
    }

    @Test func acceptsWindowsLineEndingsAndByteOrderMark() throws {
        let values = try parse("\u{FEFF}[server]\r\nport = 2\r\nhost = \"h\"\r\n")
        #expect(values == ["server.port": .integer(2), "server.host": .string("h")])
    }

    @Test func valuesPrintBackInFileSyntax() throws {
        let original: [ConfigurationValue] = [
            .string("q\"b\\n\n\t\u{1}é"), .integer(-5), .float(0.25), .float(1e20), .float(30), .boolean(true),
        ]
        let text = "[s]\n" + original.enumerated().map { "k\($0.offset) = \($0.element)" }.joined(separator: "\n")
        let values = try parse(text)
        for (index, value) in original.enumerated() {
            #expect(values["s.k\(index)"] == value)
        }
    }

    @Test(arguments: [
        ("[s]\nname = \"open", 2, "unterminated string"),
        ("[s]\n\nname = \"ends with escape\\", 3, "unterminated string"),
        ("[s]\nport 50051", 2, "expected \"=\" after key \"port\""),
        ("[s]\nport = 1\nhost = \"h\"\nport = 2", 4, "duplicate key s.port (first set on line 2)"),
        ("[server\nport = 1", 1, "expected \"]\""),
        ("[]", 1, "expected a section name"),
        ("[a.b]", 1, "dotted section names are not supported"),
        ("[[servers]]", 1, "arrays of tables"),
        ("[s] x", 1, "unexpected text \"x\" after the section header"),
        ("[s]\n[t]\n[s]", 3, "section [s] appears twice (first on line 1)"),
        ("port = 1", 1, "appears before any [section]"),
        ("[s]\nport =", 2, "missing value for key \"port\""),
        ("[s]\nport = # nothing", 2, "missing value"),
        ("[s]\nhost = localhost", 2, "invalid value localhost; strings must be in double quotes"),
        ("[s]\nhost = 'x'", 2, "single-quoted strings are not supported"),
        ("[s]\nlist = [1, 2]", 2, "arrays and inline tables are not supported"),
        ("[s]\nhost = \"h\" extra", 2, "unexpected text \"extra\" after the value"),
        ("[s]\na.b = 1", 2, "dotted keys are not supported"),
        ("[s]\n\"q\" = 1", 2, "quoted keys are not supported"),
        ("[s]\nx = \"\\q\"", 2, "unknown escape sequence \\q"),
        ("[s]\nx = \"\\u12\"", 2, "four hexadecimal digits"),
        ("[s]\nx = \"\\uD800\"", 2, "not a Unicode scalar value"),
        ("[s]\nx = \"a\u{1}b\"", 2, "control character U+0001"),
        ("[s]\nx = 0123", 2, "not a valid integer"),
        ("[s]\nx = 1__0", 2, "not a valid integer"),
        ("[s]\nx = 99999999999999999999", 2, "not a valid integer"),
        ("[s]\nx = 1.", 2, "invalid value 1."),
        ("[s]\nx = True", 2, "invalid value True"),
    ])
    func reportsSyntaxErrorsWithLineNumbers(text: String, line: Int, fragment: String) throws {
        let error = try #require(failure(text))
        #expect(error.code == .syntax)
        #expect(error.source == .file(path: "test.toml", line: line))
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.description.hasPrefix("test.toml:\(line): "))
    }

    @Test func readsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loket-\(UUID().uuidString).toml")
        try "[database]\npool_size = 3 # small\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try ConfigurationFile(contentsOfFile: url.path)
        #expect(file.values == ["database.pool_size": .integer(3)])
        #expect(file.path == url.path)
    }

    @Test func reportsMissingAndNonUTF8Files() throws {
        let directory = FileManager.default.temporaryDirectory
        let missing = directory.appendingPathComponent("loket-missing-\(UUID().uuidString).toml").path
        let expected = ConfigurationError(
            .fileNotFound, "configuration file not found", source: .file(path: missing, line: nil))
        #expect(throws: expected) {
            try ConfigurationFile(contentsOfFile: missing)
        }
        let binary = directory.appendingPathComponent("loket-\(UUID().uuidString).toml")
        try Data([0x5B, 0xFF, 0xFE, 0x5D]).write(to: binary)
        defer { try? FileManager.default.removeItem(at: binary) }
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationFile(contentsOfFile: binary.path) }
        #expect(error.code == .unreadableFile)
    }
}
