import Foundation
import LoketPluginAPI

/// Possible duplicate persons (issue 6, point 4): flagged when a person enters the register, listed for the
/// registrars, resolved with a verdict and a reason. See the README, "Possible duplicate persons".
extension CivilRegistryService {
    /// At most this many existing persons are flagged against one new person.
    static let duplicateCandidateLimit = 100

    /// Flags the persons already in the register that `person`, created earlier in `transaction`, may duplicate:
    /// the same folded family and given names and the same birth date, and no different parent where both have
    /// that parent recorded (``DuplicateBasis/between(_:_:)``). Persons already found to duplicate another are
    /// not candidates (their original is). The flags and their audit record are written in `transaction`, before
    /// any feed cursor is taken. Returns the candidates flagged.
    @discardableResult
    func flagPossibleDuplicates(
        of person: UUID, parentage: Parentage, act: UUID?, in transaction: Transaction
    ) async throws -> [UUID] {
        let caller = try transaction.context.caller
        // Creations of persons with the same names and birth date take turns on a lock held until commit, so that
        // of two created at the same moment the later one sees (and flags) the earlier one. No birth date, no
        // candidates.
        let identity = try await transaction.query(
            """
            SELECT pg_advisory_xact_lock(hashtextextended(
                       'civil_registry.person_identity|' || p.family_name_folded || '|' || p.given_names_folded
                       || '|' || p.birth_date::text, 0))
            FROM civil_registry.persons p WHERE p.id = \(person) AND p.birth_date IS NOT NULL
            """)
        guard !identity.isEmpty else { return [] }
        let rows = try await transaction.query(
            """
            SELECT c.id, c.mother_id, c.father_id
            FROM civil_registry.persons p
            JOIN civil_registry.persons c
              ON c.birth_date = p.birth_date AND c.family_name_folded = p.family_name_folded
             AND c.given_names_folded = p.given_names_folded AND c.id <> p.id AND c.duplicate_of IS NULL
            WHERE p.id = \(person)
            ORDER BY c.created_at, c.id
            LIMIT \(Int64(Self.duplicateCandidateLimit))
            """)
        var candidates: [String] = []
        var bases: [String] = []
        for row in rows {
            let (candidate, mother, father) = try row.decode(UUID.self, UUID?.self, UUID?.self)
            guard let basis = DuplicateBasis.between(parentage, Parentage(mother: mother, father: father)) else {
                continue
            }
            candidates.append(candidate.uuidString.lowercased())
            bases.append(basis.rawValue)
        }
        guard !candidates.isEmpty else { return [] }
        try await transaction.query(
            """
            INSERT INTO civil_registry.person_duplicates
                (person_id, candidate_id, basis, act_id, flagged_by_id, flagged_by, flagged_department_id)
            SELECT \(person), f.candidate, f.basis, \(act), \(UUID(uuidString: caller.principalID)),
                   \(caller.principalName), \(caller.department)
            FROM unnest(\(candidates)::uuid[], \(bases)::text[]) AS f (candidate, basis)
            """)
        let subjects = try await personSubjects([person.uuidString.lowercased()] + candidates, in: transaction)
        try await transaction.audit(AuditRecord(.create, subjects: subjects, information: ["possible_duplicate"]))
        return candidates.compactMap(UUID.init(uuidString:))
    }

    /// Flags per ListPersonDuplicates page when the request does not say, and at most.
    static let duplicatePageSize = 100

    /// One page of the flags in the documented order (see the proto and the README): open flags by time flagged,
    /// then, with `include_resolved`, resolved flags by time resolved descending, ties by id. A page token names the
    /// last flag of the previous page (``DuplicatePageToken``); the next page is the flags after it in that order.
    func listPersonDuplicates(
        request: Loket_Civilregistry_V1_ListPersonDuplicatesRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_ListPersonDuplicatesResponse {
        let person = request.personId.isEmpty ? nil : try uuid(request.personId, context)
        // `limit` predates paging and kept its meaning: 0 or less is the default, more than the maximum the maximum.
        let pageSize = request.limit <= 0 ? Self.duplicatePageSize : min(Int(request.limit), Self.duplicatePageSize)
        var after: DuplicatePageToken?
        if !request.pageToken.isEmpty {
            guard let token = DuplicatePageToken(request.pageToken) else {
                throw plugin.localizer.error(
                    .invalidArgument, CivilRegistryMessages.duplicatePageTokenInvalid, for: context)
            }
            guard token.matches(includeResolved: request.includeResolved, person: person) else {
                throw plugin.localizer.error(
                    .invalidArgument, CivilRegistryMessages.duplicatePageTokenFilters, for: context)
            }
            after = token
        }
        // NULL without a token; true after an open flag, false after a resolved one.
        let afterOpen = after.map { $0.part == .open }
        let afterMicroseconds = after?.microseconds
        let afterID = after?.id
        // One statement: a read outside a transaction, its audit record committed with other reads' records.
        return try await plugin.read(context) { read in
            // The keyset condition follows the two parts of the order. After an open flag: the later open flags
            // (flagged_at, id ascending) and every resolved one. After a resolved flag: the resolved flags further
            // down (resolved_at descending, then id ascending) — `(resolved_at, after id) < (after time, id)` is
            // "resolved earlier, or at the same time with a greater id" as one row comparison. The last column is
            // the flag's time in its part, exact to the microsecond, for the next page's token. One row more than
            // the page tells whether there is a next page.
            let rows = try await read.query(
                """
                SELECT \(unsafeRawSQL: Self.personDuplicateColumns),
                       (extract(epoch FROM coalesce(f.resolved_at, f.flagged_at)) * 1000000)::bigint
                \(unsafeRawSQL: Self.personDuplicateTables)
                WHERE (f.verdict IS NULL OR \(request.includeResolved))
                  AND (\(person)::uuid IS NULL OR f.person_id = \(person) OR f.candidate_id = \(person))
                  AND (\(afterOpen)::boolean IS NULL
                       OR (\(afterOpen)::boolean AND (f.verdict IS NOT NULL OR (f.flagged_at, f.id)
                           > ('epoch'::timestamptz + \(afterMicroseconds)::bigint * interval '1 microsecond',
                              \(afterID)::uuid)))
                       OR (NOT \(afterOpen)::boolean AND f.verdict IS NOT NULL AND (f.resolved_at, \(afterID)::uuid)
                           < ('epoch'::timestamptz + \(afterMicroseconds)::bigint * interval '1 microsecond', f.id)))
                ORDER BY f.verdict IS NOT NULL, CASE WHEN f.verdict IS NULL THEN f.flagged_at END,
                         f.resolved_at DESC, f.id
                LIMIT \(Int64(pageSize + 1))
                """)
            var duplicates = try rows.map { try Self.personDuplicate($0) }
            var response = Loket_Civilregistry_V1_ListPersonDuplicatesResponse()
            if duplicates.count > pageSize {
                duplicates.removeLast(duplicates.count - pageSize)
                let last = rows[pageSize - 1]
                let microseconds = try last.decode(Int64.self, at: last.columns.count - 1)
                if let flag = duplicates.last, let id = UUID(uuidString: flag.id) {
                    response.nextPageToken = DuplicatePageToken(
                        includeResolved: request.includeResolved, person: person,
                        part: flag.verdict == .unspecified ? .open : .resolved, microseconds: microseconds, id: id
                    ).encoded
                }
            }
            var subjects: [AuditSubject] = []
            for duplicate in duplicates {
                for person in [duplicate.person, duplicate.candidate] {
                    let subject = Self.subject(person ?? Person())
                    if !subjects.contains(subject) { subjects.append(subject) }
                }
            }
            if !subjects.isEmpty {
                read.audit(AuditRecord(.read, subjects: subjects, information: Self.personInformation))
            }
            response.duplicates = duplicates
            return response
        }
    }

    func resolvePersonDuplicate(
        request: Loket_Civilregistry_V1_ResolvePersonDuplicateRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_PersonDuplicate {
        let caller = try context.caller
        let id = try uuid(request.id, context)
        guard let verdict = Self.verdict(request.verdict) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.duplicateVerdictMissing, for: context)
        }
        let reason = try text(request.reason, field: "reason", limit: 1000, context)
        guard !reason.isEmpty else {
            throw plugin.localizer.error(
                .invalidArgument, CivilRegistryMessages.duplicateReasonRequired, for: context,
                ActText.name(of: verdict).text(in: context.language))
        }

        return try await plugin.transaction(context) { transaction in
            // The flag, then the flagged person: every resolution locks in this order.
            let rows = try await transaction.query(
                """
                SELECT f.person_id, f.candidate_id, f.verdict, coalesce(f.resolved_by, ''),
                       coalesce(to_char(f.resolved_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD'), ''),
                       p.duplicate_of
                FROM civil_registry.person_duplicates f JOIN civil_registry.persons p ON p.id = f.person_id
                WHERE f.id = \(id)
                FOR UPDATE OF f FOR NO KEY UPDATE OF p
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(
                    .notFound, CivilRegistryMessages.duplicateNotFound, for: context, request.id)
            }
            let (person, candidate, current, resolvedBy, resolvedOn, duplicateOf) = try row.decode(
                UUID.self, UUID.self, String?.self, String.self, String.self, UUID?.self)
            let given = current.flatMap(DuplicateVerdict.init(rawValue:))
            switch DuplicateRefusal.of(verdict, current: given, duplicateOf: duplicateOf) {
            case .alreadyResolved(let earlier):
                throw plugin.localizer.error(
                    .failedPrecondition, CivilRegistryMessages.duplicateAlreadyResolved, for: context,
                    ActText.name(of: earlier).text(in: context.language), resolvedBy, resolvedOn)
            case .personAlreadyDuplicate(let original):
                throw plugin.localizer.error(
                    .failedPrecondition, CivilRegistryMessages.personAlreadyDuplicate, for: context,
                    person.uuidString.lowercased(), original.uuidString.lowercased())
            case nil:
                break
            }
            if verdict.changesPerson {
                try await transaction.query(
                    """
                    UPDATE civil_registry.persons SET duplicate_of = \(candidate), updated_at = now()
                    WHERE id = \(person)
                    """)
            }
            try await transaction.query(
                """
                UPDATE civil_registry.person_duplicates
                SET verdict = \(verdict.rawValue), reason = \(reason), resolved_at = now(),
                    resolved_by_id = \(UUID(uuidString: caller.principalID)), resolved_by = \(caller.principalName),
                    resolved_department_id = \(caller.department)
                WHERE id = \(id)
                """)
            let subjects = try await personSubjects(
                [person, candidate].map { $0.uuidString.lowercased() }, in: transaction)
            let flag = AuditSubject(kind: "person_duplicate", id: id.uuidString.lowercased())
            let changed = verdict.changesPerson ? ["possible_duplicate", "duplicate_of"] : ["possible_duplicate"]
            try await transaction.audit(AuditRecord(.update, subjects: [flag] + subjects, information: changed))
            // Last of the writes: taking a feed cursor holds the feed's counter until commit.
            if verdict.changesPerson {
                try await recordChanges(
                    [PendingChange(.markedDuplicate, person: person, informationTypes: InformationType.allCases)],
                    in: transaction)
            }
            let resolved = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.personDuplicateColumns) \(unsafeRawSQL: Self.personDuplicateTables)
                WHERE f.id = \(id)
                """)
            return try Self.personDuplicate(resolved[0])
        }
    }
}
