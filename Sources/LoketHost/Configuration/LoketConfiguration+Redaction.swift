extension LoketConfiguration.Database {
    /// `url` with any password replaced by `***`, safe for logs and `--print-config`.
    public var redactedURL: String? {
        url.map(Self.redacting(connectionString:))
    }

    /// Masks the password in a libpq URI (`postgres://user:secret@host/db?password=secret`) or
    /// keyword/value string (`host=db password='se cret'`).
    static func redacting(connectionString text: String) -> String {
        text.contains("://") ? redactingURI(text) : redactingKeywordValue(text)
    }

    private static func redactingURI(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://")?.upperBound else { return text }
        let rest = text[schemeEnd...]
        let queryStart = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
        var result = String(text[..<schemeEnd])
        // The last "@" before the query ends the user info even when an unencoded "/" or "@" sits in the
        // password; in odd URIs this masks too much rather than too little.
        if let at = rest[..<queryStart].lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                result += userInfo[..<colon] + ":***"
            } else {
                result += userInfo
            }
            result += rest[at..<queryStart]
        } else {
            result += rest[..<queryStart]
        }
        let tail = rest[queryStart...]
        guard tail.first == "?" else { return result + tail }
        let fragmentStart = tail.firstIndex(of: "#") ?? tail.endIndex
        let parameters = tail[tail.index(after: tail.startIndex)..<fragmentStart].split(
            separator: "&", omittingEmptySubsequences: false
        ).map { $0.hasPrefix("password=") ? "password=***" : String($0) }
        return result + "?" + parameters.joined(separator: "&") + tail[fragmentStart...]
    }

    private static func redactingKeywordValue(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        var index = 0
        func copy(while condition: (Character) -> Bool) -> String {
            let start = index
            while index < characters.count, condition(characters[index]) { index += 1 }
            return String(characters[start..<index])
        }
        while index < characters.count {
            result += copy { $0.isWhitespace }
            let keyword = copy { !$0.isWhitespace && $0 != "=" }
            result += keyword + copy { $0.isWhitespace } + copy { $0 == "=" } + copy { $0.isWhitespace }
            var value: String
            if index < characters.count, characters[index] == "'" {
                var escaped = false
                index += 1
                value = "'" + copy { character in
                    defer { escaped = !escaped && character == "\\" }
                    return escaped || character != "'"
                }
                if index < characters.count {
                    value += "'"
                    index += 1
                }
            } else {
                value = copy { !$0.isWhitespace }
            }
            result += keyword == "password" ? "***" : value
        }
        return result
    }
}
