import LoketPluginAPI

/// Why a status change is refused; each case names a localized message of ``FeedbackMessages``.
public enum TransitionError: Error, Sendable, Hashable {
    /// The status does not exist.
    case unknownStatus(String)
    /// The change is not one of the allowed ones.
    case notAllowed(from: CaseStatus, to: CaseStatus)
    /// Answering needs the answer text.
    case answerTextRequired
    /// Reopening needs a reason.
    case reasonRequired

    /// The message key.
    public var messageKey: String {
        switch self {
        case .unknownStatus: FeedbackMessages.unknownStatus
        case .notAllowed: FeedbackMessages.transitionNotAllowed
        case .answerTextRequired: FeedbackMessages.answerTextRequired
        case .reasonRequired: FeedbackMessages.reasonRequired
        }
    }

    /// The message's arguments.
    public var arguments: [String] {
        switch self {
        case .unknownStatus(let status): [status]
        case .notAllowed(let from, let to): [from.rawValue, to.rawValue]
        case .answerTextRequired, .reasonRequired: []
        }
    }
}
