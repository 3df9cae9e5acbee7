import Foundation
import LoketPluginAPI

/// Full-text search.
///
/// The cost of ranking and counting grows with the number of matches: each match is a row PostgreSQL reads from
/// the table (for its filters, its rank and its visibility), not only from the index. So a search counts at most
/// ``searchRankingLimit`` + 1 matches and ranks them only when that many or fewer match; when more match, it lists
/// them newest first, walking the index on (received date, reference) from where the previous page ended and
/// stopping after one page, or after ``searchWalkLimit`` items when the matches lie further back (then it takes
/// the rest of the page through the text index). One call reads a bounded number of rows, however many items
/// match, unless the matches of a common search all lie far back in time.
extension CorrespondenceService {
    /// The most matches a search counts exactly and ranks by relevance.
    static let searchRankingLimit = 1000
    /// The most items a newest-first page walks along the date index before it looks further back through the
    /// text index.
    static let searchWalkLimit = 5000

    /// Everything the search statement filters on.
    private struct SearchFilter {
        var query: String
        var configuration: String?
        var direction: String?
        var status: String?
        var department: String?
        var from: CalendarDate?
        var to: CalendarDate?
        var confidentialAllowed: Bool
        var principal: String
    }

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
        var token: SearchPageToken?
        if !request.pageToken.isEmpty {
            token = SearchPageToken(request.pageToken, maxOffset: Self.searchRankingLimit)
            guard token != nil else {
                throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidPageToken, for: context)
            }
        }
        guard [.unspecified, .relevance, .newestFirst].contains(request.order) else {
            throw localizer.error(.invalidArgument, CorrespondenceMessages.invalidOrder, for: context)
        }
        let (from, to) = try period(from: request.from, to: request.to, context)
        let filter = SearchFilter(
            query: query, configuration: configuration,
            direction: request.direction == .unspecified ? nil : Self.direction(request.direction)?.rawValue,
            status: request.status == .unspecified ? nil : Self.status(request.status)?.rawValue,
            department: request.departmentId.isEmpty ? nil : request.departmentId, from: from, to: to,
            confidentialAllowed: Self.readsConfidential(caller), principal: caller.principalName)
        // Newest first when asked, without words to rank by, or when the previous page was.
        var newest = request.order == .newestFirst || query.isEmpty
        if case .newest = token { newest = true }
        var offset = 0
        if case .ranked(let value) = token { offset = value }
        let limit = Self.searchRankingLimit
        let today = self.today

        return try await plugin.transaction(context) { transaction in
            // The plan depends on the words (a rare word: through the text index; a common one: along the date
            // index): never a generic plan of the prepared statement. And no JIT compilation: the estimates of the
            // parts that a page rarely runs (the walk, the look further back) add up to a cost that would start
            // it, and compiling takes longer (~30 ms) than the page's bounded work.
            try await transaction.query(
                "SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('jit', 'off', true)")
            let rows = try await searchPage(
                filter, newest: newest, offset: offset, token: token, pageSize: pageSize, in: transaction)
            let total = try rows.first?.decode(Int64.self, at: 21) ?? 0
            if total > limit {
                // Too many to rank: the statement listed them newest first. A relevance page token no longer fits.
                guard offset == 0 else {
                    throw localizer.error(.invalidArgument, CorrespondenceMessages.searchChanged, for: context)
                }
                newest = true
            }
            var response = Loket_Correspondence_V1_SearchResponse()
            response.total = min(total, Int64(limit))
            response.totalIsLowerBound = total > limit
            response.order = newest ? .newestFirst : .relevance
            var subjects: [AuditSubject] = []
            var last: StoredItem?
            for row in rows {
                // The row of the count alone, when the page has no hit.
                guard try row.decode(UUID?.self, at: 0) != nil else { continue }
                guard response.hits.count < pageSize else {
                    // One row more than the page: there is a next page.
                    if newest, let last, let day = Day(last.receivedOn), let reference = ReferenceNumber(last.reference) {
                        response.nextPageToken = SearchPageToken.newest(after: day, reference: reference).description
                    } else if !newest {
                        response.nextPageToken = SearchPageToken.ranked(offset: offset + pageSize).description
                    }
                    break
                }
                let item = try StoredItem(row: row)
                let rank = try row.decode(Double.self, at: 18)
                let names = try row.decode([String].self, at: 19)
                let contactIDs = try row.decode([UUID].self, at: 20)
                subjects += contactIDs.map { AuditSubject(kind: "correspondence-contact", id: $0.uuidString.lowercased()) }
                response.hits.append(.with {
                    $0.item = summary(item, caller: caller, today: today)
                    $0.rank = Float(rank)
                    $0.contactNames = names
                })
                last = item
            }
            if !subjects.isEmpty {
                try await transaction.audit(AuditRecord(.read, subjects: subjects, information: ["contact_name"]))
            }
            return response
        }
    }

    /// One page of hits (one row more when a next page exists), each with the bounded count of matches in its last
    /// column; when no hit is on the page, one row with only that count. At most ``searchRankingLimit`` matches
    /// are ordered as asked (by rank, or newest first from `token`); more are listed newest first from `token`.
    private func searchPage(
        _ filter: SearchFilter, newest: Bool, offset: Int, token: SearchPageToken?, pageSize: Int,
        in transaction: Transaction
    ) async throws -> PostgresRows {
        var afterDay: CalendarDate?
        var afterReference: String?
        if case .newest(let day, let reference) = token {
            afterDay = day.calendarDate
            afterReference = reference.description
        }
        let limit = Self.searchRankingLimit
        let walk = Self.searchWalkLimit
        // The query in the chosen language, or in each language (an item matches in its own). The parameters are
        // constants of the statement (`p` is inlined), so the planner sees the words and chooses by them.
        return try await transaction.query(
            """
            WITH p AS NOT MATERIALIZED (
                SELECT CASE
                           WHEN \(filter.query) = '' THEN NULL
                           WHEN \(filter.configuration)::text IS NOT NULL
                               THEN websearch_to_tsquery(\(filter.configuration)::regconfig, \(filter.query))
                           ELSE websearch_to_tsquery('dutch', \(filter.query)) || websearch_to_tsquery('french', \(filter.query))
                               || websearch_to_tsquery('english', \(filter.query)) || websearch_to_tsquery('german', \(filter.query))
                       END AS query,
                       \(filter.direction)::text AS direction, \(filter.status)::text AS status,
                       \(filter.department)::text AS department, \(filter.from)::date AS from_day,
                       \(filter.to)::date AS to_day, \(filter.confidentialAllowed) AS confidential_allowed,
                       \(filter.principal)::text AS principal, \(afterDay)::date AS after_day,
                       \(afterReference)::text AS after_reference
            ),
            -- 1. At most limit + 1 matches, in no particular order: the bounded count, and when no more than the
            -- limit match, all of them, ranked (or newest first).
            matches AS MATERIALIZED (
                SELECT i.id, ts_rank(i.search, p.query) AS rank, i.received_on, i.reference
                FROM correspondence.items i, p
                WHERE \(unsafeRawSQL: Self.searchFilter)
                LIMIT \(limit + 1)
            ),
            counted AS (SELECT count(*) AS total FROM matches),
            few AS (
                SELECT m.id, CASE WHEN \(newest) THEN 0 ELSE m.rank END AS rank, m.received_on, m.reference
                FROM matches m, p
                WHERE (SELECT total FROM counted) <= \(limit)
                  AND (p.after_day IS NULL OR (m.received_on, m.reference) < (p.after_day, p.after_reference))
                ORDER BY 2 DESC, m.received_on DESC, m.reference DESC
                LIMIT \(pageSize + 1) OFFSET \(offset)
            ),
            -- 2. More match: newest first, from where the previous page ended, along items_received_reference,
            -- stopping as soon as a page is found, or after the walk limit ...
            walked AS (
                SELECT i.* FROM correspondence.items i, p
                WHERE (SELECT total FROM counted) > \(limit)
                  AND (p.after_day IS NULL OR (i.received_on, i.reference) < (p.after_day, p.after_reference))
                ORDER BY i.received_on DESC, i.reference DESC
                LIMIT \(walk)
            ),
            recent AS MATERIALIZED (
                SELECT i.id, 0::real AS rank, i.received_on, i.reference
                FROM walked i, p
                WHERE \(unsafeRawSQL: Self.searchFilter)
                ORDER BY i.received_on DESC, i.reference DESC
                LIMIT \(pageSize + 1)
            ),
            -- ... and when the walk found less than a page (the matches lie further back), the rest of the page
            -- from the matches before the last item walked, through the text index: ordered by a row value, which
            -- the date index cannot give, so that the planner does not walk the dates one by one again.
            edge AS MATERIALIZED (
                SELECT i.received_on, i.reference FROM correspondence.items i, p
                WHERE (SELECT total FROM counted) > \(limit) AND (SELECT count(*) FROM recent) <= \(pageSize)
                  AND (p.after_day IS NULL OR (i.received_on, i.reference) < (p.after_day, p.after_reference))
                ORDER BY i.received_on DESC, i.reference DESC
                OFFSET \(walk - 1) LIMIT 1
            ),
            older AS (
                SELECT i.id, 0::real AS rank, i.received_on, i.reference
                FROM correspondence.items i, p, edge
                WHERE \(unsafeRawSQL: Self.searchFilter)
                  AND (i.received_on, i.reference) < (edge.received_on, edge.reference)
                ORDER BY ROW(i.received_on, i.reference) DESC
                LIMIT \(pageSize + 1) - (SELECT count(*) FROM recent)
            ),
            hits AS (SELECT * FROM few UNION ALL SELECT * FROM recent UNION ALL SELECT * FROM older)
            SELECT \(unsafeRawSQL: StoredItem.columns),
                   coalesce(ts_rank(i.search, p.query), 0),
                   ARRAY(SELECT c.name FROM correspondence.item_contacts ic
                         JOIN correspondence.contacts c ON c.id = ic.contact_id
                         WHERE ic.item_id = i.id ORDER BY ic.position) AS names,
                   ARRAY(SELECT ic.contact_id FROM correspondence.item_contacts ic
                         WHERE ic.item_id = i.id ORDER BY ic.position) AS contact_ids,
                   counted.total
            FROM p, counted LEFT JOIN (hits JOIN correspondence.items i ON i.id = hits.id) ON true
            ORDER BY hits.rank DESC, hits.received_on DESC, hits.reference DESC
            """)
    }

    /// The conditions on an item `i` for the parameters `p`: the words, the filters, and confidentiality (readable
    /// by holders of the permission, whoever registered the item and its agent).
    private static let searchFilter = """
        (p.query IS NULL OR i.search @@ p.query)
                  AND (p.direction IS NULL OR i.direction = p.direction)
                  AND (p.status IS NULL OR i.status = p.status)
                  AND (p.department IS NULL OR coalesce(i.department_id, i.registered_department) = p.department)
                  AND (p.from_day IS NULL OR i.received_on >= p.from_day)
                  AND (p.to_day IS NULL OR i.received_on <= p.to_day)
                  AND (NOT i.confidential OR p.confidential_allowed OR i.registered_by = p.principal
                       OR i.agent = p.principal)
        """
}
