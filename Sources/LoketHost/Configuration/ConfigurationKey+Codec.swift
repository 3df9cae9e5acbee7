import Logging

extension ConfigurationKey {
    /// How one Swift type is read from file values and from text, and shown again.
    struct Codec<Value>: Sendable {
        let expected: String
        let decodeValue: @Sendable (ConfigurationValue) -> Value?
        let decodeText: @Sendable (String) -> Value?
        let display: @Sendable (Value) -> ConfigurationValue?
    }
}

extension ConfigurationKey.Codec where Value == String {
    static var string: Self {
        Self(
            expected: "a string",
            decodeValue: { if case .string(let text) = $0 { text } else { nil } },
            decodeText: { $0 },
            display: { .string($0) })
    }
}

extension ConfigurationKey.Codec where Value == [String] {
    /// A comma-separated list; spaces around items are dropped, and the empty string is the empty list.
    static var stringList: Self {
        let split: @Sendable (String) -> [String] = { text in
            text.split(separator: ",").map { $0.trimmingPrefix(while: \.isWhitespace) }
                .map { String($0.reversed().drop(while: \.isWhitespace).reversed()) }.filter { !$0.isEmpty }
        }
        return Self(
            expected: "a comma-separated list",
            decodeValue: { if case .string(let text) = $0 { split(text) } else { nil } },
            decodeText: { split($0) },
            display: { .string($0.joined(separator: ",")) })
    }
}

extension ConfigurationKey.Codec where Value == String? {
    /// An optional string; the empty string means unset, so a later source can clear an earlier one.
    static var optionalString: Self {
        Self(
            expected: "a string (empty for none)",
            decodeValue: { value -> String?? in
                guard case .string(let text) = value else { return nil }
                return .some(text.isEmpty ? nil : text)
            },
            decodeText: { text -> String?? in .some(text.isEmpty ? nil : text) },
            display: { $0.map { .string($0) } })
    }

    /// An optional database connection string, whose password is never shown.
    static var connectionString: Self {
        let plain = optionalString
        return Self(
            expected: plain.expected, decodeValue: plain.decodeValue, decodeText: plain.decodeText,
            display: { url in url.map { .string(LoketConfiguration.Database.redacting(connectionString: $0)) } })
    }
}

extension ConfigurationKey.Codec where Value == Int {
    static var integer: Self {
        Self(
            expected: "an integer",
            decodeValue: { if case .integer(let number) = $0 { number } else { nil } },
            decodeText: { ConfigurationValue.integer(fromLiteral: $0.trimmed) },
            display: { .integer($0) })
    }
}

extension ConfigurationKey.Codec where Value == Double {
    static var float: Self {
        Self(
            expected: "a number",
            decodeValue: {
                switch $0 {
                case .float(let number): number
                case .integer(let number): Double(number)
                default: nil
                }
            },
            decodeText: {
                let text = $0.trimmed
                return ConfigurationValue.float(fromLiteral: text)
                    ?? ConfigurationValue.integer(fromLiteral: text).map(Double.init)
            },
            display: { .float($0) })
    }
}

extension ConfigurationKey.Codec where Value == Bool {
    /// In text, also 1/0, yes/no and on/off, as environment variables are often written.
    static var boolean: Self {
        Self(
            expected: "true or false",
            decodeValue: { if case .boolean(let flag) = $0 { flag } else { nil } },
            decodeText: {
                switch $0.trimmed.lowercased() {
                case "true", "1", "yes", "on": true
                case "false", "0", "no", "off": false
                default: nil
                }
            },
            display: { .boolean($0) })
    }
}

extension ConfigurationKey.Codec where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of the enumeration's raw values, case-insensitively.
    static var choice: Self {
        let decode: @Sendable (String) -> Value? = { text in
            Value.allCases.first { $0.rawValue.lowercased() == text.trimmed.lowercased() }
        }
        return Self(
            expected: "one of " + Value.allCases.map(\.rawValue).joined(separator: ", "),
            decodeValue: { if case .string(let text) = $0 { decode(text) } else { nil } },
            decodeText: decode,
            display: { .string($0.rawValue) })
    }
}

extension String {
    fileprivate var trimmed: Substring {
        var text = self[...]
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
