/// A person as a change left them: the `snapshot` column of the feed (`civil_registry.record_change` writes it).
struct PersonSnapshot: Codable, Sendable, Hashable {
    var nationalNumber = ""
    var familyName = ""
    var givenNames = ""
    var sex = ""
    var birthDate = ""
    var birthPlace = ""
    var nationality = ""
    var street = ""
    var houseNumber = ""
    var box = ""
    var postalCode = ""
    var municipality = ""
    var country = ""
    var registerType = ""
    var residenceSince = ""
    var householdID = ""
    var civilStatus = ""
    var spouseID = ""
    var cohabitantID = ""
    var motherID = ""
    var fatherID = ""
    var dateOfDeath = ""
    var placeOfDeath = ""
    /// The record to use instead, once a registrar found this one a duplicate; absent from the snapshots written
    /// before migration 0011.
    var duplicateOf: String?

    enum CodingKeys: String, CodingKey {
        case nationalNumber = "national_number", familyName = "family_name", givenNames = "given_names", sex
        case birthDate = "birth_date", birthPlace = "birth_place", nationality, street
        case houseNumber = "house_number", box, postalCode = "postal_code", municipality, country
        case registerType = "register_type", residenceSince = "residence_since", householdID = "household_id"
        case civilStatus = "civil_status", spouseID = "spouse_id", cohabitantID = "cohabitant_id"
        case motherID = "mother_id", fatherID = "father_id", dateOfDeath = "date_of_death"
        case placeOfDeath = "place_of_death", duplicateOf = "duplicate_of"
    }
}
