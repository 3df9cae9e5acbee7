import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// A checked submission.
    struct Intake {
        var clientKey: String
        var kind: String
        var channel: String
        var mainCategory: String
        var subCategory: String
        var text: String
        var language: String
        var contact: Loket_Feedback_V1_Contact?
        var attachments: [Loket_Feedback_V1_Attachment]

        /// What a repeated submission must equal to count as the same one.
        var fingerprint: String {
            [kind, channel, mainCategory, subCategory, text].joined(separator: "\u{1F}")
        }
    }

    static let kinds: Set<String> = ["complaint", "question", "request", "compliment"]
    static let channels: Set<String> = ["counter", "phone", "web", "email", "letter"]

    /// Checks a submission before any database work, with messages in the caller's language.
    func validate(
        _ request: Loket_Feedback_V1_SubmitCaseRequest, caller: Caller, _ context: ServerContext
    ) throws -> Intake {
        let localizer = plugin.localizer
        guard (1...100).contains(request.clientKey.count), !request.clientKey.isBlank else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidClientKey, for: context)
        }
        guard Self.kinds.contains(request.kind) else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidKind, for: context, request.kind)
        }
        guard Self.channels.contains(request.channel) else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidChannel, for: context, request.channel)
        }
        guard !request.text.isBlank, request.text.count <= 10_000 else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidText, for: context)
        }
        let language: String
        if request.language.isEmpty {
            language = caller.language.rawValue
        } else if let chosen = Language(rawValue: request.language) {
            language = chosen.rawValue
        } else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidLanguage, for: context, request.language)
        }
        var contact = request.contact
        if var given = contact {
            given.name = given.name.trimmed
            given.email = given.email.trimmed
            given.phone = given.phone.trimmed
            given.address = given.address.trimmed
            let fields = [given.name, given.email, given.phone, given.address]
            guard fields.contains(where: { !$0.isEmpty }), fields.allSatisfy({ $0.count <= 300 }) else {
                throw localizer.error(.invalidArgument, FeedbackMessages.invalidContact, for: context)
            }
            contact = given
        }
        guard request.attachments.count <= 20 else {
            throw localizer.error(.invalidArgument, FeedbackMessages.invalidAttachment, for: context, "21")
        }
        for (index, attachment) in request.attachments.enumerated() {
            guard !attachment.reference.isBlank, attachment.reference.count <= 500,
                attachment.fileName.count <= 300, attachment.mediaType.count <= 100
            else {
                throw localizer.error(.invalidArgument, FeedbackMessages.invalidAttachment, for: context, "\(index + 1)")
            }
        }
        return Intake(
            clientKey: request.clientKey, kind: request.kind, channel: request.channel,
            mainCategory: request.mainCategory, subCategory: request.subCategory, text: request.text,
            language: language, contact: contact, attachments: request.attachments)
    }

    /// The day of receipt: today when empty; otherwise a day no later than today and at most 365 days back.
    func receivedDay(_ text: String, today: Day, _ context: ServerContext) throws -> Day {
        if text.isEmpty { return today }
        guard let day = Day(text), day <= today, day.days(to: today) <= 365 else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidReceivedOn, for: context, text)
        }
        return day
    }

    /// An optional day bound of a request.
    func optionalDay(_ text: String, _ context: ServerContext) throws -> CalendarDate? {
        if text.isEmpty { return nil }
        guard let day = Day(text) else {
            throw plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidDay, for: context, text)
        }
        return day.calendarDate
    }
}

extension String {
    /// Without leading and trailing white space.
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
