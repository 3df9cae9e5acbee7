extension RPCError {
    /// An error whose message is `text` in the language of the call's caller.
    public init(_ code: StatusCode, _ text: LocalizedText, for context: ServerContext, _ arguments: String...) {
        self.init(code: code, message: text.text(in: context.language, arguments: arguments))
    }
}
