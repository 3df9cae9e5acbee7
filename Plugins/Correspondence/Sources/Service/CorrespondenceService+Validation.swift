import Foundation
import LoketPluginAPI

/// Checks of requests before any database work, with messages in the caller's language.
extension CorrespondenceService {
    /// Attachments of one registration together stay well under the 4 MiB message limit.
    static let maxAttachmentBytes = 3_670_016
    static let maxAttachments = 20

    func validate(
        _ request: Loket_Correspondence_V1_RegisterItemRequest, _ context: ServerContext
    ) throws -> Registration {
        let localizer = plugin.localizer
        guard let direction = Self.direction(request.direction) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidDirection, for: context)
        }
        guard let channel = Self.channel(request.channel) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidChannel, for: context)
        }
        guard Self.isText(request.subject, 1...500) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidSubject, for: context)
        }
        let languageCode = request.language.isEmpty ? "nl" : request.language.lowercased()
        guard let language = ItemLanguage(rawValue: languageCode) else {
            throw localizer.error(
                .invalidArgument, CorrespondenceMessages.invalidLanguage, for: context, String(request.language.prefix(20)))
        }
        guard (1...20).contains(request.contacts.count), request.contacts.allSatisfy(Self.isValidContact) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidContact, for: context)
        }
        let receivedOn = try day(request.receivedOn, default: today, context)
        let tags = Array(Set(request.tags.map { $0.trimmingCharacters(in: .whitespaces) })).sorted()
        guard tags.count <= 20, tags.allSatisfy({ Self.isText($0, 1...50) }) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidTags, for: context)
        }
        guard request.notes.count <= 10_000, !request.notes.contains("\u{0}") else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidNotes, for: context)
        }
        guard request.attachments.count <= Self.maxAttachments,
            request.attachments.reduce(0, { $0 + $1.content.count }) <= Self.maxAttachmentBytes
        else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.attachmentsTooLarge, for: context)
        }
        for (index, upload) in request.attachments.enumerated() {
            let label = upload.filename.isEmpty ? "#\(index + 1)" : String(upload.filename.prefix(255))
            guard Self.isText(upload.filename, 1...255), Self.isText(upload.mediaType, 1...255),
                !upload.content.isEmpty
            else {
                throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidAttachment, for: context, label)
            }
            guard upload.expectedSha256.isEmpty
                || (upload.expectedSha256.utf8.count == 64 && Hex.decode(upload.expectedSha256.utf8) != nil)
            else {
                throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidHash, for: context, label)
            }
        }
        let answers = request.answers.compactMap(UUID.init(uuidString:))
        guard answers.count == request.answers.count, answers.isEmpty || direction == .outgoing,
            answers.count <= 50
        else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidAnswers, for: context)
        }
        return Registration(
            direction: direction, channel: channel, language: language, receivedOn: receivedOn, tags: tags,
            answers: Array(Set(answers)))
    }

    /// A day from `YYYY-MM-DD`, or `default` for empty text.
    func day(_ text: String, default fallback: Day? = nil, _ context: ServerContext) throws -> Day {
        if text.isEmpty, let fallback { return fallback }
        guard let day = Day(text), day.year >= 1900, day.year <= 9000 else {
            throw plugin.localizer.error(
                .invalidArgument, CorrespondenceMessages.invalidDay, for: context, String(text.prefix(40)))
        }
        return day
    }

    /// An optional period: both ends optional, the end not before the start.
    func period(from: String, to: String, _ context: ServerContext) throws -> (CalendarDate?, CalendarDate?) {
        let start = from.isEmpty ? nil : try day(from, context)
        let end = to.isEmpty ? nil : try day(to, context)
        if let start, let end, end < start {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidPeriod, for: context)
        }
        return (start?.calendarDate, end?.calendarDate)
    }

    /// A reason or note: at most 1000 characters (and at least one for a reason).
    func reason(_ text: String, required: Bool, _ context: ServerContext) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 1000, !trimmed.contains("\u{0}"), !required || !trimmed.isEmpty else {
            throw plugin.localizer.error(.invalidArgument, CorrespondenceMessages.invalidReason, for: context)
        }
        return trimmed
    }

    static func isText(_ text: String, _ length: ClosedRange<Int>) -> Bool {
        length.contains(text.count) && !text.allSatisfy(\.isWhitespace) && !text.contains("\u{0}")
    }

    static func isValidContact(_ contact: Loket_Correspondence_V1_Contact) -> Bool {
        isText(contact.name, 1...300)
            && contact.email.count <= 300 && (contact.email.isEmpty || contact.email.contains("@"))
            && contact.postalAddress.count <= 500 && !contact.postalAddress.contains("\u{0}")
            && !contact.email.contains("\u{0}")
            && (contact.nationalNumber.isEmpty
                || (contact.nationalNumber.utf8.count == 11
                    && contact.nationalNumber.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }))
    }

    /// The text of a plain-text attachment (valid UTF-8, NUL characters dropped) or a PDF, for search; empty
    /// otherwise.
    static func searchableText(of upload: Loket_Correspondence_V1_AttachmentUpload) async -> String {
        let type = upload.mediaType.lowercased()
        if type.hasPrefix("application/pdf") { return await PDFText.extract(upload.content) }
        guard type.hasPrefix("text/plain") || type.hasPrefix("text/markdown") || type.hasPrefix("text/csv"),
            let text = String(data: upload.content, encoding: .utf8)
        else { return "" }
        return String(text.unicodeScalars.filter { $0 != "\u{0}" }.prefix(200_000).map(Character.init))
    }

    /// A principal name, as the host spells them.
    static func isPrincipalName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 100 else { return false }
        func plain(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return plain(first) && bytes.allSatisfy { plain($0) || ".-_@".utf8.contains($0) }
    }
}
