import Foundation
import LoketPluginAPI

/// `loket.correspondence.v1.Correspondence`: the city's mail register. The register is shared by the departments
/// where the plugin is enabled; confidential items are read only by permitted principals (see
/// ``StoredItem/isReadable(by:)``).
struct CorrespondenceService: Loket_Correspondence_V1_CorrespondenceService {
    let plugin: PluginContext
    let dueDates: DueDates

    init(plugin: PluginContext) {
        self.plugin = plugin
        self.dueDates = DueDates(calendar: plugin.calendar)
    }

    func registerItem(request: Loket_Correspondence_V1_RegisterItemRequest, context: ServerContext) async throws -> Item {
        let caller = try context.caller
        let registration = try validate(request, context)
        let today = self.today
        // Attachment text for search, worked out before the transaction (PDFs by an external tool).
        var texts: [String] = []
        for upload in request.attachments {
            texts.append(await Self.searchableText(of: upload))
        }
        return try await plugin.transaction(context) { transaction in
            // 1. The due date of an incoming item: the term of its channel (it has no department until it is
            // dispatched) in working days from the received day. Read before the number is taken, so that the
            // counter row stays locked for as short a time as possible.
            let direction = registration.direction
            var due: CalendarDate?
            if direction == .incoming {
                let term = try await loadTerms(in: transaction).term(department: nil, channel: registration.channel)
                due = dueDates.dueDate(receivedOn: registration.receivedOn, workingDays: term.workingDays).calendarDate
            }

            // 2. The number: the counter row of the year and direction, locked until commit. A rollback (below,
            // or anywhere later) gives the number back.
            try await transaction.query(
                """
                INSERT INTO correspondence.counters (year, direction) VALUES (\(today.year), \(direction.rawValue))
                ON CONFLICT (year, direction) DO NOTHING
                """)
            let counter = try await transaction.query(
                """
                UPDATE correspondence.counters SET last_number = last_number + 1
                WHERE year = \(today.year) AND direction = \(direction.rawValue)
                RETURNING last_number
                """)
            guard let number = try counter.first?.decode(Int.self, at: 0),
                let reference = ReferenceNumber(year: today.year, direction: direction, number: number)
            else { throw RPCError(code: .internal, message: "no reference number") }

            let status: ItemStatus = direction == .incoming ? IncomingWorkflow().status : OutgoingWorkflow().status
            let inserted = try await transaction.query(
                """
                INSERT INTO correspondence.items
                    (year, direction, number, reference, channel, subject, language, ts_config, confidential, tags,
                     notes, received_on, due_on, status, department_id, registered_by, registered_department)
                VALUES (\(today.year), \(direction.rawValue), \(number), \(reference.description),
                        \(registration.channel), \(request.subject), \(registration.language.rawValue),
                        \(registration.language.textSearchConfiguration)::regconfig, \(request.confidential),
                        \(registration.tags), \(request.notes), \(registration.receivedOn.calendarDate), \(due),
                        \(status.rawValue), \(direction == .outgoing ? caller.department : nil),
                        \(caller.principalName), \(caller.department))
                RETURNING id
                """)
            let id = try inserted[0].decode(UUID.self, at: 0)

            // 3. Contacts, deduplicated.
            for (position, contact) in request.contacts.enumerated() {
                let key = ContactKey.key(name: contact.name, email: contact.email, postalAddress: contact.postalAddress)
                let rows = try await transaction.query(
                    """
                    INSERT INTO correspondence.contacts (dedup_key, name, email, postal_address, national_number)
                    VALUES (\(key), \(contact.name), \(contact.email), \(contact.postalAddress),
                            \(contact.nationalNumber))
                    ON CONFLICT (dedup_key) DO UPDATE SET
                        national_number = CASE WHEN correspondence.contacts.national_number = ''
                            THEN EXCLUDED.national_number ELSE correspondence.contacts.national_number END,
                        postal_address = CASE WHEN correspondence.contacts.postal_address = ''
                            THEN EXCLUDED.postal_address ELSE correspondence.contacts.postal_address END
                    RETURNING id
                    """)
                let contactID = try rows[0].decode(UUID.self, at: 0)
                try await transaction.query(
                    """
                    INSERT INTO correspondence.item_contacts (item_id, contact_id, position)
                    VALUES (\(id), \(contactID), \(position)) ON CONFLICT DO NOTHING
                    """)
            }

            // 4. Attachments, hashed by the server; a stated hash that differs fails the whole registration.
            for (position, upload) in request.attachments.enumerated() {
                let text = texts[position]
                let rows = try await transaction.query(
                    """
                    INSERT INTO correspondence.attachments
                        (item_id, position, filename, media_type, size, content, sha256, text_content)
                    VALUES (\(id), \(position), \(upload.filename), \(upload.mediaType), \(upload.content.count),
                            \(upload.content), sha256(\(upload.content)), \(text))
                    RETURNING sha256
                    """)
                let hash = Hex.encode(try rows[0].decode([UInt8].self, at: 0))
                if !upload.expectedSha256.isEmpty && upload.expectedSha256.lowercased() != hash {
                    throw plugin.localizer.error(
                        .invalidArgument, CorrespondenceMessages.hashMismatch, for: context, upload.filename, hash)
                }
            }

            // 5. The items a reply answers: incoming ones only.
            if !registration.answers.isEmpty {
                let linked = try await transaction.query(
                    """
                    INSERT INTO correspondence.replies (reply_id, item_id)
                    SELECT \(id), i.id FROM correspondence.items i
                    WHERE i.id = ANY(\(registration.answers)) AND i.direction = 'in'
                    """)
                if (linked.affectedRows ?? 0) != registration.answers.count {
                    throw plugin.localizer.error(
                        .invalidArgument, CorrespondenceMessages.answersNotIncoming, for: context,
                        registration.answers.map { $0.uuidString.lowercased() }.joined(separator: ", "))
                }
            }

            try await appendHistory(
                id, action: "register", from: nil, to: status, note: "", principal: caller.principalName,
                in: transaction)
            try await transaction.query("SELECT correspondence.refresh_search(\(id))")
            if direction == .incoming { try await wakeReminders(in: transaction) }
            let item = try await message(for: try await loadItem(id.uuidString, in: transaction, context: context),
                                         in: transaction)
            try await transaction.audit(Self.auditRecord(.create, item))
            return item
        }
    }

    func getItem(request: Loket_Correspondence_V1_GetItemRequest, context: ServerContext) async throws -> Item {
        try await plugin.transaction(context) { transaction in
            let item = try await message(for: try await loadItem(request.item, in: transaction, context: context),
                                         in: transaction)
            try await transaction.audit(Self.auditRecord(.read, item))
            return item
        }
    }

    func getAttachment(
        request: Loket_Correspondence_V1_GetAttachmentRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_Attachment {
        guard let id = UUID(uuidString: request.id) else {
            throw plugin.localizer.error(
                .notFound, CorrespondenceMessages.attachmentNotFound, for: context, String(request.id.prefix(80)))
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT id, filename, media_type, size, sha256, item_id, content
                FROM correspondence.attachments WHERE id = \(id)
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, CorrespondenceMessages.attachmentNotFound, for: context, request.id)
            }
            let itemID = try row.decode(UUID.self, at: 5)
            // Checks confidentiality.
            let item = try await loadItem(itemID.uuidString, in: transaction, context: context)
            let info = try Self.attachmentInfo(row)
            let content = try row.decode(Data.self, at: 6)
            try await transaction.audit(
                AuditRecord(
                    .read, subjects: [AuditSubject(kind: "correspondence-item", id: item.reference),
                                      AuditSubject(kind: "correspondence-attachment", id: info.id)],
                    information: ["attachment_content"]))
            return .with {
                $0.info = info
                $0.content = content
            }
        }
    }
}
