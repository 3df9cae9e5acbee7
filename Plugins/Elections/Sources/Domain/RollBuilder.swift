import Foundation
import LoketPluginAPI

/// Builds a roll from the register's residents and the election's own records. Deterministic: the same input, in
/// any order, gives the same lines. Voters come first, ordered by address (postal code, street, house number, box)
/// then name, and numbered from 1; excluded persons follow, ordered by name. Ties end on the person's id.
struct RollBuilder: Sendable {
    var eligibility: Eligibility
    /// Application status per national number.
    var applications: [String: ApplicationStatus]
    /// Deprivations per national number.
    var deprivations: [String: [Deprivation]]

    func build(_ residents: [Resident]) -> [RollLine] {
        var decided: [(Resident, EligibilityRule, [EligibilityRule])] = residents.map { resident in
            let facts = EligibilityFacts(
                birthDate: resident.birthDate, nationality: Nationality(resident.nationality),
                residentOnReferenceDate: resident.residentOnReferenceDate, dateOfDeath: resident.dateOfDeath,
                application: resident.nationalNumber.isEmpty ? nil : applications[resident.nationalNumber],
                deprivations: resident.nationalNumber.isEmpty ? [] : deprivations[resident.nationalNumber] ?? [])
            let exclusions = eligibility.exclusions(facts)
            return (resident, eligibility.decide(facts), exclusions)
        }
        decided.sort { left, right in
            if left.1.includes != right.1.includes { return left.1.includes }
            let a = Self.sortKey(left.0, byAddress: left.1.includes)
            let b = Self.sortKey(right.0, byAddress: right.1.includes)
            if a != b { return a.lexicographicallyPrecedes(b) }
            return left.0.personID.uuidString < right.0.personID.uuidString
        }
        var voter = 0
        return decided.enumerated().map { index, entry in
            var number: Int?
            if entry.1.includes {
                voter += 1
                number = voter
            }
            return RollLine(
                resident: entry.0, rule: entry.1, exclusions: entry.2, position: index + 1, voterNumber: number)
        }
    }

    /// The fields a line sorts on, folded, house numbers padded so that 9 comes before 10.
    static func sortKey(_ resident: Resident, byAddress: Bool) -> [String] {
        let name = [StreetSection.fold(resident.familyName), StreetSection.fold(resident.givenNames), resident.nationalNumber]
        guard byAddress else { return name }
        let number = StreetSection.leadingNumber(resident.houseNumber).map { String(format: "%09d", $0) } ?? "999999999"
        return [resident.postalCode, StreetSection.fold(resident.street), number, resident.houseNumber,
                resident.box] + name
    }
}
