/// Name conversions: protobuf names to Swift identifiers, and to the C names protoc-c derives.
enum Naming {
    /// protoc-c's symbol stem for a fully qualified name: `loket.v1.AllTypes.MEntry` -> `loket__v1__all_types__mentry`.
    static func cLower(_ fullName: String) -> String {
        fullName.split(separator: ".").map { camelToLower(String($0)) }.joined(separator: "__")
    }

    /// protoc-c's CamelToLower: an underscore before an upper-case letter that follows a non-upper-case one.
    static func camelToLower(_ name: String) -> String {
        var result = ""
        var wasUpper = true
        for character in name.unicodeScalars {
            let isUpper = character.properties.isUppercase && character.isASCII
            if isUpper {
                if !wasUpper { result.append("_") }
                result.unicodeScalars.append(contentsOf: String(character).lowercased().unicodeScalars)
            } else {
                result.unicodeScalars.append(character)
            }
            wasUpper = isUpper
        }
        return result
    }

    /// The Swift type prefix of a package: `grpc.health.v1` -> `Grpc_Health_V1_`.
    static func packagePrefix(_ package: String) -> String {
        guard !package.isEmpty else { return "" }
        return package.split(separator: ".").map { upperFirst(String($0)) }.joined(separator: "_") + "_"
    }

    /// `f_int32` -> `fInt32`, `HTTPName` -> `httpName`, `ServerReflectionInfo` -> `serverReflectionInfo`.
    static func lowerCamel(_ name: String) -> String {
        let parts = name.split(separator: "_", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return "_" }
        var result = lowerLeadingCapitals(first)
        for part in parts.dropFirst() { result += upperFirst(part) }
        return result
    }

    /// `SERVICE_UNKNOWN` -> `serviceUnknown`; a value name repeating the enum name drops it (`COLOR_RED` -> `red`).
    static func enumCase(_ valueName: String, enumName: String) -> String {
        var name = valueName
        let prefix = screamingSnake(enumName) + "_"
        if name.uppercased().hasPrefix(prefix), name.count > prefix.count {
            name = String(name.dropFirst(prefix.count))
        }
        let parts = name.lowercased().split(separator: "_").map(String.init)
        guard let first = parts.first else { return "_" }
        var result = first
        for part in parts.dropFirst() { result += upperFirst(part) }
        if let firstCharacter = result.first, firstCharacter.isNumber { result = "_" + result }
        return result
    }

    /// `AllTypes` -> `ALL_TYPES`.
    static func screamingSnake(_ name: String) -> String {
        camelToLower(name).uppercased()
    }

    /// Escapes Swift keywords with backticks.
    static func identifier(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    static func upperFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// Lower-cases the leading run of capitals, keeping the last one of a run that starts a new word
    /// (`HTTPName` -> `httpName`, `URL` -> `url`, `Name` -> `name`).
    private static func lowerLeadingCapitals(_ text: String) -> String {
        let characters = Array(text)
        var end = 0
        while end < characters.count, characters[end].isUppercase { end += 1 }
        if end == 0 { return text }
        if end > 1, end < characters.count, characters[end].isLowercase { end -= 1 }
        return String(characters[..<end]).lowercased() + String(characters[end...])
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "Type", "Protocol", "some", "any", "package", "consume", "copy", "borrowing", "consuming", "discard",
    ]
}
