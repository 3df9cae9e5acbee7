import Foundation
import LoketPluginAPI

/// Where the next page of `ListPersonDuplicates` starts, and the filters the listing was made with.
///
/// The listing's order has two parts — the open flags by time flagged ascending, then (with `include_resolved`)
/// the resolved ones by time resolved descending, ties by id ascending in both — so the keyset is the part the
/// last flag of a page was in, its time in that part and its id. The filters travel along so that a token cannot
/// continue a different listing: a page of one person's flags continued as the whole list would silently skip
/// rows.
///
/// Clients see an opaque ``LoketPluginAPI/PageToken`` (versioned fields and a digest): an altered or truncated token
/// fails loudly instead of starting somewhere else. A token forged with a correct digest gains nothing either — it
/// only names a position in a listing the caller may read in full anyway, and every field is range-checked, so the
/// statement cannot fail on it.
struct DuplicatePageToken: Equatable, Sendable {
    /// The part of the listing the last flag of the page was in.
    enum Part: String, Sendable {
        /// Open flags, oldest flagged first.
        case open = "o"
        /// Resolved flags, most recently resolved first.
        case resolved = "r"
    }

    /// The `include_resolved` of the listing.
    var includeResolved: Bool
    /// The `person_id` of the listing; nil for all flags.
    var person: UUID?
    /// The part the last flag was in; `.resolved` only when `includeResolved`.
    var part: Part
    /// The last flag's time in its part (flagged for `.open`, resolved for `.resolved`), in microseconds since
    /// 1970-01-01 UTC: the database's own precision, so that the keyset comparison loses nothing.
    var microseconds: Int64
    /// The last flag's id.
    var id: UUID

    /// Times from 1970 up to 2^53 microseconds (the year 2255): the range in which PostgreSQL turns the number back
    /// into the exact timestamp (`'epoch' + n * interval '1 microsecond'` goes through a double).
    static let microsecondRange: Range<Int64> = 0..<(Int64(1) << 53)

    private static let version = "d1"
    private static let purpose = "loket.civilregistry.duplicate-page"

    init(includeResolved: Bool, person: UUID?, part: Part, microseconds: Int64, id: UUID) {
        self.includeResolved = includeResolved
        self.person = person
        self.part = part
        self.microseconds = microseconds
        self.id = id
    }

    /// Decodes a token; nil when it is not one this type encoded (malformed, altered or out of range).
    init?(_ token: String) {
        guard let parts = PageToken.decode(token, purpose: Self.purpose, fieldCount: 6), parts[0] == Self.version,
            let includeResolved = ["0": false, "1": true][parts[1]],
            parts[2].isEmpty || UUID(uuidString: parts[2]) != nil,
            let part = Part(rawValue: parts[3]), part == .open || includeResolved,
            let microseconds = PageToken.decimal(parts[4], maxDigits: 18).map(Int64.init),
            Self.microsecondRange.contains(microseconds),
            let id = UUID(uuidString: parts[5])
        else { return nil }
        self.init(
            includeResolved: includeResolved, person: UUID(uuidString: parts[2]), part: part,
            microseconds: microseconds, id: id)
    }

    /// True when the token was made for a listing with these filters.
    func matches(includeResolved: Bool, person: UUID?) -> Bool {
        self.includeResolved == includeResolved && self.person == person
    }

    /// The opaque form handed to clients.
    var encoded: String {
        PageToken.encode(
            [
                Self.version, includeResolved ? "1" : "0", person?.uuidString.lowercased() ?? "", part.rawValue,
                String(microseconds), id.uuidString.lowercased(),
            ], purpose: Self.purpose)
    }
}
