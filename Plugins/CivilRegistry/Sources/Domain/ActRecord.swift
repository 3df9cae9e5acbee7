/// What an act says, as stored (JSON in `acts.data` and `act_actions.data`); mirrors the proto's `ActData`, with
/// empty strings for what is not given.
public struct ActRecord: Sendable, Hashable, Codable {
    public var personID = ""
    public var partnerID = ""
    public var motherID = ""
    public var fatherID = ""
    /// YYYY-MM-DD.
    public var eventDate = ""
    public var place = ""
    public var childFamilyName = ""
    public var childGivenNames = ""
    /// `male`, `female`, `unknown` or empty.
    public var childSex = ""
    public var childNationalNumber = ""
    public var newFamilyName = ""
    public var newGivenNames = ""

    enum CodingKeys: String, CodingKey {
        case personID = "person_id", partnerID = "partner_id", motherID = "mother_id", fatherID = "father_id"
        case eventDate = "event_date", place, childFamilyName = "child_family_name"
        case childGivenNames = "child_given_names", childSex = "child_sex"
        case childNationalNumber = "child_national_number", newFamilyName = "new_family_name"
        case newGivenNames = "new_given_names"
    }

    /// An empty record.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        personID = try text(.personID)
        partnerID = try text(.partnerID)
        motherID = try text(.motherID)
        fatherID = try text(.fatherID)
        eventDate = try text(.eventDate)
        place = try text(.place)
        childFamilyName = try text(.childFamilyName)
        childGivenNames = try text(.childGivenNames)
        childSex = try text(.childSex)
        childNationalNumber = try text(.childNationalNumber)
        newFamilyName = try text(.newFamilyName)
        newGivenNames = try text(.newGivenNames)
    }

    /// This record with every non-empty field of `other` put over it.
    public func merging(_ other: ActRecord) -> ActRecord {
        var result = self
        let fields: [WritableKeyPath<ActRecord, String>] = [
            \.personID, \.partnerID, \.motherID, \.fatherID, \.eventDate, \.place, \.childFamilyName,
            \.childGivenNames, \.childSex, \.childNationalNumber, \.newFamilyName, \.newGivenNames,
        ]
        for field in fields where !other[keyPath: field].isEmpty {
            result[keyPath: field] = other[keyPath: field]
        }
        return result
    }

    /// The fields (proto names) that `kind` needs and this record lacks, in a fixed order.
    public func missingFields(for kind: ActKind) -> [String] {
        var required: [(String, String)] = []
        switch kind {
        case .birth:
            required = [
                ("child_family_name", childFamilyName), ("child_given_names", childGivenNames),
                ("child_sex", childSex), ("event_date", eventDate), ("mother_id", motherID),
            ]
        case .recognition:
            required = [("person_id", personID), ("father_id", fatherID)]
        case .marriage, .divorce, .legalCohabitation, .endOfLegalCohabitation:
            required = [("person_id", personID), ("partner_id", partnerID), ("event_date", eventDate)]
        case .nameChange:
            required = [("person_id", personID)]
            if newFamilyName.isEmpty && newGivenNames.isEmpty { required.append(("new_family_name", "")) }
        case .death:
            required = [("person_id", personID), ("event_date", eventDate)]
        }
        return required.filter { $0.1.isEmpty }.map(\.0)
    }

    /// The person ids the record names, without repeats.
    public var personIDs: [String] {
        var seen: [String] = []
        for id in [personID, partnerID, motherID, fatherID] where !id.isEmpty && !seen.contains(id) {
            seen.append(id)
        }
        return seen
    }
}
