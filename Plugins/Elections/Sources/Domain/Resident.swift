import Foundation
import LoketPluginAPI

/// A person as the population register shows them for a roll: identity, nationality, and the address that counts
/// (on the reference date, else the latest in the municipality).
struct Resident: Sendable, Hashable {
    var personID: UUID
    var nationalNumber: String
    var familyName: String
    var givenNames: String
    var birthDate: CalendarDate?
    var nationality: String
    var dateOfDeath: CalendarDate?
    var street: String
    var houseNumber: String
    var box: String
    var postalCode: String
    var municipality: String
    var residentOnReferenceDate: Bool
}
