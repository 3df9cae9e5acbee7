import Foundation
import LoketPluginAPI

/// Loading items and building their messages.
extension CorrespondenceService {
    typealias Item = Loket_Correspondence_V1_Item

    /// Whether the caller holds the confidential permission (administrators always; integrations by scope).
    static func readsConfidential(_ caller: Caller) -> Bool {
        caller.holds(CorrespondencePlugin.confidential)
    }

    /// The item named by an id or a reference number, locked for update when `lock`; NOT_FOUND when there is
    /// none, PERMISSION_DENIED when it is confidential and the caller may not read it.
    func loadItem(
        _ name: String, in transaction: Transaction, context: ServerContext, lock: Bool = false
    ) async throws -> StoredItem {
        let caller = try context.caller
        let lockClause = lock ? "FOR UPDATE" : ""
        let rows: PostgresRows
        if let id = UUID(uuidString: name) {
            rows = try await transaction.query(
                "SELECT \(unsafeRawSQL: StoredItem.columns) FROM correspondence.items i WHERE i.id = \(id) \(unsafeRawSQL: lockClause)")
        } else if let reference = ReferenceNumber(name) {
            rows = try await transaction.query(
                "SELECT \(unsafeRawSQL: StoredItem.columns) FROM correspondence.items i WHERE i.reference = \(reference.description) \(unsafeRawSQL: lockClause)")
        } else {
            throw plugin.localizer.error(.notFound, CorrespondenceMessages.itemNotFound, for: context, String(name.prefix(80)))
        }
        guard let row = rows.first else {
            throw plugin.localizer.error(.notFound, CorrespondenceMessages.itemNotFound, for: context, String(name.prefix(80)))
        }
        let item = try StoredItem(row: row)
        guard item.isReadable(by: caller) else {
            throw plugin.localizer.error(.permissionDenied, CorrespondenceMessages.confidential, for: context, item.reference)
        }
        return item
    }

    /// The full message of an item: its row with contacts, attachments and replies.
    func message(for item: StoredItem, in transaction: Transaction) async throws -> Item {
        let contacts = try await transaction.query(
            """
            SELECT c.id, c.name, c.email, c.postal_address, c.national_number
            FROM correspondence.item_contacts ic JOIN correspondence.contacts c ON c.id = ic.contact_id
            WHERE ic.item_id = \(item.id) ORDER BY ic.position
            """)
        let attachments = try await transaction.query(
            """
            SELECT id, filename, media_type, size, sha256 FROM correspondence.attachments
            WHERE item_id = \(item.id) ORDER BY position
            """)
        let answers = try await transaction.query(
            "SELECT item_id FROM correspondence.replies WHERE reply_id = \(item.id) ORDER BY item_id")
        let answeredBy = try await transaction.query(
            "SELECT reply_id FROM correspondence.replies WHERE item_id = \(item.id) ORDER BY reply_id")
        var message = Item()
        message.id = item.id.uuidString.lowercased()
        message.reference = item.reference
        message.direction = Self.proto(item.direction)
        message.channel = Self.proto(channel: item.channel)
        message.subject = item.subject
        message.language = item.language
        message.confidential = item.confidential
        message.tags = item.tags
        message.notes = item.notes
        message.receivedOn = item.receivedOn.description
        message.dueOn = item.dueOn?.description ?? ""
        message.status = Self.proto(item.status)
        message.departmentId = item.departmentID ?? ""
        message.agent = item.agent ?? ""
        message.registeredBy = item.registeredBy
        message.registeredAt = item.registeredAt
        message.answeredOn = item.answeredOn?.description ?? ""
        message.sentOn = item.sentOn?.description ?? ""
        message.contacts = try contacts.map { row in
            let (id, name, email, address, nationalNumber) = try row.decode(
                UUID.self, String.self, String.self, String.self, String.self)
            return .with {
                $0.id = id.uuidString.lowercased()
                $0.name = name
                $0.email = email
                $0.postalAddress = address
                $0.nationalNumber = nationalNumber
            }
        }
        message.attachments = try attachments.map(Self.attachmentInfo)
        message.answers = try answers.map { try $0.decode(UUID.self, at: 0).uuidString.lowercased() }
        message.answeredBy = try answeredBy.map { try $0.decode(UUID.self, at: 0).uuidString.lowercased() }
        return message
    }

    static func attachmentInfo(_ row: PostgresRow) throws -> Loket_Correspondence_V1_AttachmentInfo {
        let (id, filename, mediaType, size, sha256) = try row.decode(
            UUID.self, String.self, String.self, Int64.self, [UInt8].self)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.filename = filename
            $0.mediaType = mediaType
            $0.size = size
            $0.sha256 = Hex.encode(sha256)
        }
    }

    /// The audit record of personal data in an item: its contacts (and the persons among them), and the item.
    static func auditRecord(_ action: AuditAction, _ item: Item) -> AuditRecord {
        var subjects = [AuditSubject(kind: "correspondence-item", id: item.reference)]
        for contact in item.contacts {
            subjects.append(AuditSubject(kind: "correspondence-contact", id: contact.id))
            if !contact.nationalNumber.isEmpty { subjects.append(.person(contact.nationalNumber)) }
        }
        return AuditRecord(
            action, subjects: subjects,
            information: ["contact_name", "contact_email", "contact_postal_address", "contact_national_number"])
    }

    /// Appends a history entry.
    func appendHistory(
        _ itemID: UUID, action: String, from: ItemStatus?, to: ItemStatus, note: String, principal: String,
        in transaction: Transaction
    ) async throws {
        try await transaction.query(
            """
            INSERT INTO correspondence.history (item_id, principal, action, from_status, to_status, note)
            VALUES (\(itemID), \(principal), \(action), \(from?.rawValue), \(to.rawValue), \(note))
            """)
    }

    /// The plugin's "today": the day in Belgium.
    var today: Day { Day.inBrussels(plugin.clock.now()) }
}
