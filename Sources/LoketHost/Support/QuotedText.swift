/// Double-quoted text with backslash escapes, as JSON, logfmt and the configuration file all write strings.
enum QuotedText {
    /// `text` in double quotes: `"` and `\` escaped, `\n`, `\r`, `\t` by name, other control characters (and any
    /// scalar `alsoEscape` accepts) as `\uXXXX`, so the result is always one line.
    static func quoted(_ text: String, alsoEscaping alsoEscape: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || alsoEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
