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
        // Keys are computed once per person (folding is the expensive part), then sorted.
        var decided: [(resident: Resident, rule: EligibilityRule, exclusions: [EligibilityRule], key: [String])] =
            residents.map { resident in
                let facts = EligibilityFacts(
                    birthDate: resident.birthDate, nationality: Nationality(resident.nationality),
                    residentOnReferenceDate: resident.residentOnReferenceDate, dateOfDeath: resident.dateOfDeath,
                    application: resident.nationalNumber.isEmpty ? nil : applications[resident.nationalNumber],
                    deprivations: resident.nationalNumber.isEmpty ? [] : deprivations[resident.nationalNumber] ?? [])
                let rule = eligibility.decide(facts)
                let key = Self.sortKey(resident, byAddress: rule.includes) + [resident.personID.uuidString]
                return (resident, rule, eligibility.exclusions(facts), key)
            }
        decided.sort { left, right in
            if left.rule.includes != right.rule.includes { return left.rule.includes }
            return left.key.lexicographicallyPrecedes(right.key)
        }
        var voter = 0
        return decided.enumerated().map { index, entry in
            var number: Int?
            if entry.rule.includes {
                voter += 1
                number = voter
            }
            return RollLine(
                resident: entry.resident, rule: entry.rule, exclusions: entry.exclusions, position: index + 1,
                voterNumber: number)
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
