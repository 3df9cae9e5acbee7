import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    /// One feed row (the columns ``feedBatch`` selects) as the message sent to an integration that asked for
    /// `wanted`: the touched types it asked for, and the person's fields of those types only.
    static func registerChange(
        _ row: PostgresRow, wanted: Set<InformationType>
    ) throws -> Loket_Civilregistry_V1_RegisterChange {
        let (cursor, kind, at, act, actKind, touched, person, snapshotJSON) = try row.decode(
            Int64.self, String.self, String.self, String.self, String.self, [String].self, UUID.self, String.self)
        let snapshot = try JSONDecoder().decode(PersonSnapshot.self, from: Data(snapshotJSON.utf8))
        let (filtered, since) = filteredPerson(id: person.uuidString.lowercased(), snapshot, wanted: wanted)
        return .with {
            $0.cursor = cursor
            $0.kind = protoChangeKind(RegisterChangeKind(rawValue: kind))
            $0.at = at
            $0.actId = act
            $0.actType = ActKind(rawValue: actKind).map { protoKind($0) } ?? .unspecified
            $0.informationTypes = touched.compactMap(InformationType.init(rawValue:)).filter(wanted.contains)
                .sorted().map(\.code)
            $0.person = filtered
            $0.residenceSince = since
        }
    }

    /// The person of `snapshot` with the id, the national number, the record it duplicates (these say whom the
    /// change is about) and the fields of the `wanted` types only; and the residence's first day when the main
    /// residence is wanted.
    static func filteredPerson(
        id: String, _ snapshot: PersonSnapshot, wanted: Set<InformationType>
    ) -> (person: Person, residenceSince: String) {
        var person = Person()
        person.id = id
        person.nationalNumber = snapshot.nationalNumber
        person.duplicateOf = snapshot.duplicateOf ?? ""
        var since = ""
        for type in wanted {
            switch type {
            case .name:
                person.familyName = snapshot.familyName
                person.givenNames = snapshot.givenNames
            case .mainResidence:
                person.address = .with {
                    $0.street = snapshot.street
                    $0.houseNumber = snapshot.houseNumber
                    $0.box = snapshot.box
                    $0.postalCode = snapshot.postalCode
                    $0.municipality = snapshot.municipality
                    $0.country = snapshot.country
                }
                person.registerType = registerType(named: snapshot.registerType)
                since = snapshot.residenceSince
            case .birth:
                person.birthDate = snapshot.birthDate
                person.birthPlace = snapshot.birthPlace
                person.sex = protoSex(named: snapshot.sex)
            case .nationality:
                person.nationality = snapshot.nationality
            case .parentage:
                person.motherId = snapshot.motherID
                person.fatherId = snapshot.fatherID
            case .civilStatus:
                person.civilStatus = civilStatus(named: snapshot.civilStatus)
                person.spouseId = snapshot.spouseID
            case .legalCohabitation:
                person.cohabitantId = snapshot.cohabitantID
            case .household:
                person.householdId = snapshot.householdID
            case .death:
                person.dateOfDeath = snapshot.dateOfDeath
                person.placeOfDeath = snapshot.placeOfDeath
            }
        }
        return (person, since)
    }

    static func protoChangeKind(_ kind: RegisterChangeKind?) -> Loket_Civilregistry_V1_ChangeKind {
        switch kind {
        case .personCreated: .personCreated
        case .actRegistered: .actRegistered
        case .actCorrected: .actCorrected
        case .moved: .moved
        case .markedDuplicate: .markedDuplicate
        case nil: .unspecified
        }
    }
}
