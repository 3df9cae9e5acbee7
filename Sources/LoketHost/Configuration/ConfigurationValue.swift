/// A typed value from a configuration file.
public enum ConfigurationValue: Sendable, Hashable, CustomStringConvertible {
    /// A double-quoted string, escapes already resolved.
    case string(String)
    /// An integer, such as `50051` or `4_194_304`.
    case integer(Int)
    /// A float, such as `30.0`, `0.5` or `1e3`.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)

    /// The value written in the file's own syntax, so that printed configurations can be read back.
    public var description: String {
        switch self {
        case .string(let text): Self.quoted(text)
        case .integer(let number): String(number)
        case .float(let number): String(number)  // "30.0", "1e+20": both read back as floats
        case .boolean(let flag): flag ? "true" : "false"
        }
    }

    /// Parses an integer literal: optional sign, decimal digits, single underscores between digits.
    ///
    /// Leading zeros are refused, as in TOML, because `0800` could be read as octal.
    static func integer(fromLiteral text: Substring) -> Int? {
        guard let digits = digitsWithoutUnderscores(text), !digits.hasLeadingZero else { return nil }
        return Int(digits.text)
    }

    /// Parses a float literal: an integer part, then a fraction, an exponent or both (`1.5`, `2e-3`).
    static func float(fromLiteral text: Substring) -> Double? {
        var mantissa = text
        var exponent: Substring?
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = text[text.index(after: e)...]
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = digitsWithoutUnderscores(parts[0]), !whole.hasLeadingZero else { return nil }
        var literal = whole.text
        if parts.count == 2 {
            guard parts[1].first?.isASCIIDigit == true, let fraction = digitsWithoutUnderscores(parts[1]) else {
                return nil
            }
            literal += "." + fraction.text
        } else if exponent == nil {
            return nil
        }
        if let exponent {
            guard let power = digitsWithoutUnderscores(exponent) else { return nil }
            literal += "e" + power.text
        }
        guard let value = Double(literal), value.isFinite else { return nil }
        return value
    }

    private static func digitsWithoutUnderscores(_ text: Substring) -> (text: String, hasLeadingZero: Bool)? {
        var body = text
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        guard let first = body.first, let last = body.last, first.isASCIIDigit, last.isASCIIDigit else { return nil }
        var digits = ""
        var previousWasUnderscore = false
        for character in body {
            if character == "_" {
                if previousWasUnderscore { return nil }
                previousWasUnderscore = true
            } else if character.isASCIIDigit {
                previousWasUnderscore = false
                digits.append(character)
            } else {
                return nil
            }
        }
        return (sign + digits, digits.count > 1 && digits.first == "0")
    }

    private static func quoted(_ text: String) -> String {
        QuotedText.quoted(text) { $0.value == 0x7F }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
