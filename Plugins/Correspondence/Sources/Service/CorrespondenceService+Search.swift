import Foundation
import LoketPluginAPI

/// Full-text search.
extension CorrespondenceService {
    func search(
        request: Loket_Correspondence_V1_SearchRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_SearchResponse {
        let caller = try context.caller
        let localizer = plugin.localizer
        let query = request.query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.count <= 500, !query.contains("\u{0}") else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidQuery, for: context)
        }
        var configuration: String?
        if !request.language.isEmpty {
            guard let language = ItemLanguage(rawValue: request.language.lowercased()) else {
                throw localizer.error(
                    .invalidArgument, CorrespondenceMessages.invalidLanguage, for: context, String(request.language.prefix(20)))
            }
            configuration = language.textSearchConfiguration
        }
        let pageSize = request.pageSize == 0 ? 20 : Int(request.pageSize)
        guard (1...100).contains(pageSize) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidPageSize, for: context)
        }
        var offset = 0
        if !request.pageToken.isEmpty {
            guard let value = Int(request.pageToken), value >= 0, value <= 100_000 else {
                throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidPageToken, for: context)
            }
            offset = value
        }
        let (from, to) = try period(from: request.from, to: request.to, context)
        let direction = request.direction == .unspecified ? nil : Self.direction(request.direction)?.rawValue
        let status = request.status == .unspecified ? nil : Self.status(request.status)?.rawValue
        let department = request.departmentId.isEmpty ? nil : request.departmentId
        let confidentialAllowed = Self.readsConfidential(caller)
        let today = self.today

        return try await plugin.transaction(context) { transaction in
            // The query in the chosen language, or in each language (an item matches in its own).
            let rows = try await transaction.query(
                """
                WITH q AS (
                    SELECT CASE
                        WHEN \(query) = '' THEN NULL
                        WHEN \(configuration)::text IS NOT NULL THEN websearch_to_tsquery(\(configuration)::regconfig, \(query))
                        ELSE websearch_to_tsquery('dutch', \(query)) || websearch_to_tsquery('french', \(query))
                            || websearch_to_tsquery('english', \(query)) || websearch_to_tsquery('german', \(query))
                    END AS query
                )
                -- Rank and count every match, but build the rows (and look up contacts) for one page only.
                , page AS (
                    SELECT i.id AS hit,
                           CASE WHEN q.query IS NULL THEN 0 ELSE ts_rank(i.search, q.query) END AS hit_rank,
                           i.received_on AS hit_received, i.reference AS hit_reference,
                           count(*) OVER () AS total
                    FROM correspondence.items i, q
                    WHERE (q.query IS NULL OR i.search @@ q.query)
                      AND (\(direction)::text IS NULL OR i.direction = \(direction))
                      AND (\(status)::text IS NULL OR i.status = \(status))
                      AND (\(department)::text IS NULL OR coalesce(i.department_id, i.registered_department) = \(department))
                      AND (\(from)::date IS NULL OR i.received_on >= \(from)::date)
                      AND (\(to)::date IS NULL OR i.received_on <= \(to)::date)
                      AND (NOT i.confidential OR \(confidentialAllowed) OR i.registered_by = \(caller.principalName)
                           OR i.agent = \(caller.principalName))
                    ORDER BY hit_rank DESC, hit_received DESC, hit_reference DESC
                    LIMIT \(pageSize) OFFSET \(offset)
                )
                SELECT \(unsafeRawSQL: StoredItem.columns),
                       page.hit_rank,
                       ARRAY(SELECT c.name FROM correspondence.item_contacts ic
                             JOIN correspondence.contacts c ON c.id = ic.contact_id
                             WHERE ic.item_id = i.id ORDER BY ic.position) AS names,
                       ARRAY(SELECT ic.contact_id FROM correspondence.item_contacts ic
                             WHERE ic.item_id = i.id ORDER BY ic.position) AS contact_ids,
                       page.total
                FROM page JOIN correspondence.items i ON i.id = page.hit
                ORDER BY page.hit_rank DESC, page.hit_received DESC, page.hit_reference DESC
                """)
            var response = Loket_Correspondence_V1_SearchResponse()
            var subjects: [AuditSubject] = []
            for row in rows {
                let item = try StoredItem(row: row)
                let rank = try row.decode(Double.self, at: 18)
                let names = try row.decode([String].self, at: 19)
                let contactIDs = try row.decode([UUID].self, at: 20)
                response.total = try row.decode(Int64.self, at: 21)
                subjects += contactIDs.map { AuditSubject(kind: "correspondence-contact", id: $0.uuidString.lowercased()) }
                response.hits.append(.with {
                    $0.item = summary(item, caller: caller, today: today)
                    $0.rank = Float(rank)
                    $0.contactNames = names
                })
            }
            if rows.count == pageSize { response.nextPageToken = String(offset + pageSize) }
            if !subjects.isEmpty {
                try await transaction.audit(AuditRecord(.read, subjects: subjects, information: ["contact_name"]))
            }
            return response
        }
    }
}
