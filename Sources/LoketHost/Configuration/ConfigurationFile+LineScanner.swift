extension ConfigurationFile {
    /// What one line of a configuration file holds.
    enum Line {
        case nothing
        case section(String)
        case entry(key: String, value: ConfigurationValue)
    }

    /// Reads one line; works on Unicode scalars so that a combining mark after a quote cannot hide it.
    struct LineScanner {
        private let scalars: [Unicode.Scalar]
        private var position = 0
        private let path: String
        private let lineNumber: Int

        init(_ line: Substring.UnicodeScalarView.SubSequence, path: String, lineNumber: Int) {
            var scalars = Array(line)
            if scalars.last == "\r" { scalars.removeLast() }
            self.scalars = scalars
            self.path = path
            self.lineNumber = lineNumber
        }

        func error(_ message: String) -> ConfigurationError {
            ConfigurationError(.syntax, message, source: .file(path: path, line: lineNumber))
        }

        mutating func parse() throws(ConfigurationError) -> Line {
            skipSpaces()
            guard let first = peek, first != "#" else { return .nothing }
            let line: Line = first == "[" ? try sectionHeader() : try entry()
            skipSpaces()
            if let extra = peek, extra != "#" {
                let what = if case .section = line { "section header" } else { "value" }
                throw error("unexpected text \"\(rest)\" after the \(what); comments start with #")
            }
            return line
        }

        private mutating func sectionHeader() throws(ConfigurationError) -> Line {
            position += 1
            if peek == "[" { throw error("arrays of tables ([[…]]) are not supported") }
            skipSpaces()
            let name = bareKey()
            if name.isEmpty { throw error("expected a section name after \"[\"") }
            skipSpaces()
            if peek == "." { throw error("dotted section names are not supported") }
            guard peek == "]" else { throw error("expected \"]\" to close the section header [\(name)") }
            position += 1
            return .section(name)
        }

        private mutating func entry() throws(ConfigurationError) -> Line {
            let key = bareKey()
            if key.isEmpty {
                if peek == "\"" || peek == "'" { throw error("quoted keys are not supported") }
                throw error("expected a key name or a [section] header, found \"\(rest)\"")
            }
            skipSpaces()
            if peek == "." { throw error("dotted keys are not supported; use a [section] header") }
            guard peek == "=" else { throw error("expected \"=\" after key \"\(key)\"") }
            position += 1
            skipSpaces()
            return .entry(key: key, value: try value(for: key))
        }

        private mutating func value(for key: String) throws(ConfigurationError) -> ConfigurationValue {
            switch peek {
            case nil, "#": throw error("missing value for key \"\(key)\"")
            case "\"": return .string(try quotedString())
            case "'": throw error("single-quoted strings are not supported; use double quotes")
            case "[", "{": throw error("arrays and inline tables are not supported")
            default: break
            }
            let start = position
            while let scalar = peek, scalar != "#", !Self.isSpace(scalar) { position += 1 }
            let token = Substring(String(String.UnicodeScalarView(scalars[start..<position])))
            switch token {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: break
            }
            if let integer = ConfigurationValue.integer(fromLiteral: token) { return .integer(integer) }
            if let float = ConfigurationValue.float(fromLiteral: token) { return .float(float) }
            if token.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_" || $0 == "-" || $0 == "+") }) {
                throw error("\(token) is not a valid integer (out of range, leading zero or misplaced underscore)")
            }
            throw error("invalid value \(token); strings must be in double quotes")
        }

        private mutating func quotedString() throws(ConfigurationError) -> String {
            position += 1
            var result = String.UnicodeScalarView()
            while true {
                guard let scalar = peek else { throw error("unterminated string; add the closing \"") }
                position += 1
                switch scalar {
                case "\"":
                    return String(result)
                case "\\":
                    result.append(try escape())
                case "\t":
                    result.append(scalar)
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    throw error("control character U+\(Self.hex(scalar.value)) in a string; write it as an escape")
                default:
                    result.append(scalar)
                }
            }
        }

        private mutating func escape() throws(ConfigurationError) -> Unicode.Scalar {
            guard let letter = peek else { throw error("unterminated string; add the closing \"") }
            position += 1
            switch letter {
            case "\"": return "\""
            case "\\": return "\\"
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "u":
                let end = position + 4
                guard end <= scalars.count,
                    let code = UInt32(String(String.UnicodeScalarView(scalars[position..<end])), radix: 16)
                else { throw error("\\u must be followed by exactly four hexadecimal digits") }
                position = end
                guard let scalar = Unicode.Scalar(code) else {
                    throw error("\\u\(Self.hex(code)) is not a Unicode scalar value (surrogate halves are not allowed)")
                }
                return scalar
            default:
                throw error("unknown escape sequence \\\(letter); use \\\" \\\\ \\n \\t \\r or \\uXXXX")
            }
        }

        private mutating func bareKey() -> String {
            let start = position
            while let scalar = peek, Self.isBareKeyScalar(scalar) {
                position += 1
            }
            return String(String.UnicodeScalarView(scalars[start..<position]))
        }

        private mutating func skipSpaces() {
            while let scalar = peek, Self.isSpace(scalar) { position += 1 }
        }

        private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        private var rest: String { String(String.UnicodeScalarView(scalars[position...])) }

        private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

        private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
            default: false
            }
        }

        private static func hex(_ value: UInt32) -> String {
            let digits = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }
}
