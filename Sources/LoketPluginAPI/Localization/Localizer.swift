/// A plugin's user-facing messages by key, rendered in the caller's language.
public struct Localizer: Sendable {
    /// The messages, by key.
    public let messages: [String: LocalizedText]

    /// Creates a localizer over a message catalog.
    public init(messages: [String: LocalizedText]) {
        self.messages = messages
    }

    /// The message `key` in `language` with its arguments; the key itself when the catalog lacks it (a bug that
    /// tests should catch, but never a reason to fail a call).
    public func message(_ key: String, in language: Language, _ arguments: String...) -> String {
        messages[key]?.text(in: language, arguments: arguments) ?? key
    }

    /// An error with the message `key` in the language of the call's caller.
    public func error(
        _ code: StatusCode, _ key: String, for context: ServerContext, _ arguments: String...
    ) -> RPCError {
        RPCError(code: code, message: messages[key]?.text(in: context.language, arguments: arguments) ?? key)
    }
}
