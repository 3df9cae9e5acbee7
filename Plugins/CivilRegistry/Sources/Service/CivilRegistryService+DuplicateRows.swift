import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// A flag's columns, then the flagged person's and the candidate's (``personColumns(of:)``), in the order
    /// ``personDuplicate(_:)`` reads them; from ``personDuplicateTables``.
    static let personDuplicateColumns = """
        f.id, f.basis, coalesce(f.act_id::text, ''),
        to_char(f.flagged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), f.flagged_by,
        coalesce(f.verdict, ''), f.reason,
        coalesce(to_char(f.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ''),
        coalesce(f.resolved_by, ''), coalesce(f.resolved_department_id, ''),
        \(personColumns(of: "p")), \(personColumns(of: "c"))
        """

    /// The flags (`f`) with the flagged person (`p`) and the candidate (`c`).
    static let personDuplicateTables = """
        FROM civil_registry.person_duplicates f
        JOIN civil_registry.persons p ON p.id = f.person_id
        JOIN civil_registry.persons c ON c.id = f.candidate_id
        """

    /// How many of ``personDuplicateColumns`` describe the flag itself.
    private static let flagColumnCount = 10

    static func personDuplicate(_ row: PostgresRow) throws -> Loket_Civilregistry_V1_PersonDuplicate {
        let (id, basis, act, flaggedAt, flaggedBy, verdict, reason, resolvedAt, resolvedBy, department) =
            try row.decode(
                UUID.self, String.self, String.self, String.self, String.self, String.self, String.self, String.self,
                String.self, String.self)
        let person = try person(row, from: flagColumnCount)
        let candidate = try Self.person(row, from: flagColumnCount + personColumnCount)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.person = person
            $0.candidate = candidate
            $0.basis = protoBasis(DuplicateBasis(rawValue: basis))
            $0.actId = act
            $0.flaggedAt = flaggedAt
            $0.flaggedBy = flaggedBy
            $0.verdict = protoVerdict(DuplicateVerdict(rawValue: verdict))
            $0.reason = reason
            $0.resolvedAt = resolvedAt
            $0.resolvedBy = resolvedBy
            $0.resolvedDepartmentId = department
        }
    }

    static func protoBasis(_ basis: DuplicateBasis?) -> Loket_Civilregistry_V1_DuplicateBasis {
        switch basis {
        case .nameBirthDate: .nameBirthDate
        case .nameBirthDateParents: .nameBirthDateParents
        case nil: .unspecified
        }
    }

    static func protoVerdict(_ verdict: DuplicateVerdict?) -> Loket_Civilregistry_V1_DuplicateVerdict {
        switch verdict {
        case .duplicate: .duplicate
        case .notDuplicate: .notDuplicate
        case nil: .unspecified
        }
    }

    /// The verdict a request gives; nil when it gives none.
    static func verdict(_ verdict: Loket_Civilregistry_V1_DuplicateVerdict) -> DuplicateVerdict? {
        switch verdict {
        case .duplicate: .duplicate
        case .notDuplicate: .notDuplicate
        case .unspecified, .unrecognized: nil
        }
    }
}
