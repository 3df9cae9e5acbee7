import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// The act columns ``loadAct(_:in:)`` selects.
    static let actColumns = """
        a.id, a.kind, a.status, a.data::text, a.possible_duplicate,
        coalesce(to_char(a.declaration_due, 'YYYY-MM-DD'), ''), coalesce(a.registered_person_id::text, '')
        """

    /// One act's head row, read into the state machine's terms.
    struct ActHead: Sendable {
        var id: UUID
        var state: ActState
        var record: ActRecord
        var declarationDue: String
        var registeredPersonID: String
    }

    static func actHead(_ row: PostgresRow) throws -> ActHead {
        let (id, kindName, statusName, json, flagged, due, registered) = try row.decode(
            UUID.self, String.self, String.self, String.self, Bool.self, String.self, String.self)
        guard let kind = ActKind(rawValue: kindName), let status = ActStatus(rawValue: statusName) else {
            throw StoreError(.decoding, message: nil, cause: nil)
        }
        let record = (try? JSONDecoder().decode(ActRecord.self, from: Data(json.utf8))) ?? ActRecord()
        return ActHead(
            id: id, state: ActState(kind: kind, status: status, possibleDuplicate: flagged), record: record,
            declarationDue: due, registeredPersonID: registered)
    }

    /// The act with its chain of actions, as the API shows it.
    func loadAct(_ id: UUID, in transaction: Transaction) async throws -> Act? {
        let rows = try await transaction.query(
            "SELECT \(unsafeRawSQL: Self.actColumns) FROM civil_registry.acts a WHERE a.id = \(id)")
        guard let row = rows.first else { return nil }
        let head = try Self.actHead(row)
        let actions = try await transaction.query(
            """
            SELECT sequence, action, principal_name, coalesce(department_id, ''),
                   to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), reason, coalesce(data::text, '')
            FROM civil_registry.act_actions WHERE act_id = \(id) ORDER BY sequence
            """)
        return .with { act in
            act.id = head.id.uuidString.lowercased()
            act.type = Self.protoKind(head.state.kind)
            act.status = Self.protoStatus(head.state.status)
            act.data = Self.actData(head.record)
            act.possibleDuplicate = head.state.possibleDuplicate
            act.declarationDue = head.declarationDue
            act.registeredPersonId = head.registeredPersonID
            act.actions = actions.compactMap { row -> Loket_Civilregistry_V1_ActionEntry? in
                guard let (sequence, action, principal, department, at, reason, json) = try? row.decode(
                    Int64.self, String.self, String.self, String.self, String.self, String.self, String.self)
                else { return nil }
                return .with {
                    $0.sequence = sequence
                    $0.action = ActAction(rawValue: action).map(Self.protoAction) ?? .unspecified
                    $0.principal = principal
                    $0.departmentId = department
                    $0.at = at
                    $0.reason = reason
                    if !json.isEmpty, let record = try? JSONDecoder().decode(ActRecord.self, from: Data(json.utf8)) {
                        $0.data = Self.actData(record)
                    }
                }
            }
        }
    }

    /// The record as JSON text for a `jsonb` column.
    static func json(_ record: ActRecord) throws -> PostgresJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return PostgresJSON(String(decoding: try encoder.encode(record), as: UTF8.self))
    }

    static func actData(_ record: ActRecord) -> Loket_Civilregistry_V1_ActData {
        .with {
            $0.personId = record.personID
            $0.partnerId = record.partnerID
            $0.motherId = record.motherID
            $0.fatherId = record.fatherID
            $0.eventDate = record.eventDate
            $0.place = record.place
            $0.childFamilyName = record.childFamilyName
            $0.childGivenNames = record.childGivenNames
            $0.childSex = record.childSex.isEmpty ? .unspecified : protoSex(named: record.childSex)
            $0.childNationalNumber = record.childNationalNumber
            $0.newFamilyName = record.newFamilyName
            $0.newGivenNames = record.newGivenNames
        }
    }

    static func kind(_ type: Loket_Civilregistry_V1_ActType) -> ActKind? {
        switch type {
        case .birth: .birth
        case .recognition: .recognition
        case .marriage: .marriage
        case .divorce: .divorce
        case .legalCohabitation: .legalCohabitation
        case .endOfLegalCohabitation: .endOfLegalCohabitation
        case .nameChange: .nameChange
        case .death: .death
        default: nil
        }
    }

    static func protoKind(_ kind: ActKind) -> Loket_Civilregistry_V1_ActType {
        switch kind {
        case .birth: .birth
        case .recognition: .recognition
        case .marriage: .marriage
        case .divorce: .divorce
        case .legalCohabitation: .legalCohabitation
        case .endOfLegalCohabitation: .endOfLegalCohabitation
        case .nameChange: .nameChange
        case .death: .death
        }
    }

    static func protoStatus(_ status: ActStatus) -> Loket_Civilregistry_V1_ActStatus {
        switch status {
        case .new: .unspecified
        case .draft: .draft
        case .declared: .declared
        case .validated: .validated
        case .registered: .registered
        case .correctionRequested: .correctionRequested
        case .rejected: .rejected
        case .duplicate: .duplicate
        }
    }

    static func action(_ action: Loket_Civilregistry_V1_ActAction) -> ActAction? {
        switch action {
        case .created: .created
        case .notified: .notified
        case .declared: .declared
        case .validated: .validated
        case .registered: .registered
        case .certified: .certified
        case .rejected: .rejected
        case .correctionRequested: .correctionRequested
        case .correctionApproved: .correctionApproved
        case .correctionRejected: .correctionRejected
        case .markedDuplicate: .markedDuplicate
        case .markedNotDuplicate: .markedNotDuplicate
        default: nil
        }
    }

    static func protoAction(_ action: ActAction) -> Loket_Civilregistry_V1_ActAction {
        switch action {
        case .created: .created
        case .notified: .notified
        case .declared: .declared
        case .validated: .validated
        case .registered: .registered
        case .certified: .certified
        case .rejected: .rejected
        case .correctionRequested: .correctionRequested
        case .correctionApproved: .correctionApproved
        case .correctionRejected: .correctionRejected
        case .markedDuplicate: .markedDuplicate
        case .markedNotDuplicate: .markedNotDuplicate
        }
    }
}
