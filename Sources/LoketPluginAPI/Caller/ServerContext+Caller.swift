/// The key under which the host attaches the authenticated ``Caller``.
public enum CallerKey: ServerContextKey {
    public typealias Value = Caller
}

extension ServerContext {
    /// The authenticated caller; throws UNAUTHENTICATED when the host attached none (a method outside any plugin
    /// policy, or a test that forgot to set one).
    public var caller: Caller {
        get throws(RPCError) {
            guard let caller = self[CallerKey.self] else {
                throw RPCError(code: .unauthenticated, message: "no authenticated caller")
            }
            return caller
        }
    }

    /// The caller's language, Dutch when unknown: for messages even before authentication succeeded.
    public var language: Language {
        self[CallerKey.self]?.language ?? Language(acceptLanguage: requestMetadata.firstString(forKey: "accept-language"))
    }
}
