import LoketPluginAPI
import LoketStore

/// Turns a ``StoreError`` escaping a handler into its gRPC status with a message in the caller's language; the
/// error itself (with the server's SQL diagnostics) stays the cause, which only the server logs.
struct StoreErrorInterceptor: ServerInterceptor {
    let openServices: Set<String>
    let logger: Logger

    func intercepts(_ method: MethodDescriptor) -> Bool {
        !openServices.contains(method.service)
    }

    func intercept(_ call: ServerCall, next: @Sendable (ServerCall) async throws -> Void) async throws {
        do {
            try await next(call)
        } catch let error as StoreError {
            // The cause (the server's message, SQLSTATE, constraint) is for operators only.
            let level: Logger.Level =
                switch error.code {
                case .queryFailed, .decoding, .migrationFailed, .migrationChecksumMismatch, .misuse: .error
                case .connectionFailed, .connectionLost, .poolClosed, .poolTimeout: .warning
                default: .info
                }
            logger.log(
                level: level, "store error ended a call",
                metadata: ["method": "\(call.context.method.path)", "error": "\(error)"])
            var rpcError = error.rpcError
            rpcError.message = Self.message(for: error.code).text(in: call.context.language)
            throw rpcError
        }
    }

    static func message(for code: StoreError.Code) -> LocalizedText {
        switch code {
        case .uniqueViolation:
            LocalizedText(
                nl: "Er bestaat al een gegeven met deze waarden.", fr: "Un enregistrement avec ces valeurs existe déjà.",
                de: "Ein Eintrag mit diesen Werten existiert bereits.", en: "A record with these values already exists.")
        case .foreignKeyViolation:
            LocalizedText(
                nl: "De bewerking verwijst naar iets dat niet bestaat of nog in gebruik is.",
                fr: "L'opération fait référence à un élément qui n'existe pas ou qui est encore utilisé.",
                de: "Der Vorgang verweist auf etwas, das nicht existiert oder noch verwendet wird.",
                en: "The operation refers to something that does not exist or is still in use.")
        case .checkViolation, .notNullViolation, .invalidValue:
            LocalizedText(
                nl: "Een waarde is ongeldig of ontbreekt.", fr: "Une valeur est invalide ou manquante.",
                de: "Ein Wert ist ungültig oder fehlt.", en: "A value is invalid or missing.")
        case .serializationFailure, .deadlock:
            LocalizedText(
                nl: "De bewerking botste met een gelijktijdige; probeer opnieuw.",
                fr: "L'opération est entrée en conflit avec une autre ; réessayez.",
                de: "Der Vorgang kollidierte mit einem gleichzeitigen; bitte erneut versuchen.",
                en: "The operation conflicted with a concurrent one; try again.")
        case .connectionFailed, .connectionLost, .poolClosed, .poolTimeout:
            LocalizedText(
                nl: "De databank is niet beschikbaar; probeer later opnieuw.",
                fr: "La base de données n'est pas disponible ; réessayez plus tard.",
                de: "Die Datenbank ist nicht verfügbar; bitte später erneut versuchen.",
                en: "The database is not available; try again later.")
        case .timeout:
            LocalizedText(
                nl: "De bewerking duurde te lang.", fr: "L'opération a pris trop de temps.",
                de: "Der Vorgang hat zu lange gedauert.", en: "The operation took too long.")
        case .cancelled:
            LocalizedText(
                nl: "De bewerking werd geannuleerd.", fr: "L'opération a été annulée.",
                de: "Der Vorgang wurde abgebrochen.", en: "The operation was cancelled.")
        case .queryFailed, .decoding, .migrationFailed, .migrationChecksumMismatch, .misuse:
            LocalizedText(
                nl: "Er ging intern iets mis met de databank.", fr: "Une erreur interne de base de données s'est produite.",
                de: "Ein interner Datenbankfehler ist aufgetreten.", en: "An internal database error occurred.")
        }
    }
}
