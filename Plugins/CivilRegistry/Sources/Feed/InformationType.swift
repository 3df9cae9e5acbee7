import Foundation

/// The information types (TI codes, as the National Register names its data items) that integrations ask the
/// register feed for. Each one covers a fixed set of person fields, and a feed sends only the fields of the types
/// asked for (proportionality). The table is in the plugin's README.
public enum InformationType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// TI 010: family name and given names.
    case name = "010"
    /// TI 020: main residence: the address, since when, and the register the person is kept in.
    case mainResidence = "020"
    /// TI 030: birth: date, place and sex.
    case birth = "030"
    /// TI 031: nationality.
    case nationality = "031"
    /// TI 110: parentage: mother and father.
    case parentage = "110"
    /// TI 120: civil status and spouse.
    case civilStatus = "120"
    /// TI 123: legal cohabitation: the legal cohabitant.
    case legalCohabitation = "123"
    /// TI 140: household: the household of the main residence.
    case household = "140"
    /// TI 150: death: date and place.
    case death = "150"

    /// The three-digit code, e.g. `010`.
    public var code: String { rawValue }

    /// The type for `text`: a code as `010`, `10`, `TI 010` or `ti010`; nil for anything else.
    public init?(code text: String) {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.uppercased().hasPrefix("TI") { digits = digits.dropFirst(2).drop { $0 == " " } }
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.init(rawValue: String(repeating: "0", count: 3 - digits.count) + digits)
    }

    /// The person fields (`Person` message field names) this type covers, for the documentation and the audit.
    public var fields: [String] {
        switch self {
        case .name: ["family_name", "given_names"]
        case .mainResidence: ["address", "residence_since", "register_type"]
        case .birth: ["birth_date", "birth_place", "sex"]
        case .nationality: ["nationality"]
        case .parentage: ["mother_id", "father_id"]
        case .civilStatus: ["civil_status", "spouse_id"]
        case .legalCohabitation: ["cohabitant_id"]
        case .household: ["household_id"]
        case .death: ["date_of_death", "place_of_death"]
        }
    }

    /// What the audit log says was read: `ti:010`.
    public var auditName: String { "ti:\(code)" }

    /// The types a registered act of `kind` changes for the persons it names (a birth creates a person).
    public static func changedBy(_ kind: ActKind) -> [InformationType] {
        switch kind {
        case .birth: allCases
        case .recognition: [.parentage]
        case .marriage, .divorce: [.civilStatus]
        case .legalCohabitation, .endOfLegalCohabitation: [.legalCohabitation]
        case .nameChange: [.name]
        case .death: [.death, .mainResidence, .household]
        }
    }

    public static func < (lhs: InformationType, rhs: InformationType) -> Bool { lhs.rawValue < rhs.rawValue }
}
