import Foundation
import LoketPluginAPI

/// Where the next page of `ListDeadlines` starts: the keyset (due date, id) of the last item of a page, and the
/// filters the list was made with (department, working days counted as due soon).
///
/// The filters travel along so that a token cannot continue another list: a page of one department's deadlines
/// continued as every department's would silently skip items. Clients see an opaque ``LoketPluginAPI/PageToken``
/// (versioned fields and a digest), so an altered or truncated token fails instead of starting somewhere else. A
/// token forged with a correct digest gains nothing: it names a position in a list the caller may read in full
/// anyway, and every field is range-checked, so the statement cannot fail on it.
struct DeadlinePageToken: Equatable, Sendable {
    /// The `department_id` of the list, empty for every department.
    var department: String
    /// The working days within which an item counts as due soon, after the default is applied (1 to 60), so that a
    /// request with 0 and one with 2 continue each other's pages.
    var dueWithin: Int
    /// The last item's due date.
    var dueOn: Day
    /// The last item's id.
    var id: UUID

    /// The working days a list can count as due soon.
    static let dueWithinRange: ClosedRange<Int> = 1...60

    private static let version = "l1"
    private static let purpose = "loket.correspondence.deadline-page"

    init(department: String, dueWithin: Int, dueOn: Day, id: UUID) {
        self.department = department
        self.dueWithin = dueWithin
        self.dueOn = dueOn
        self.id = id
    }

    /// Decodes a token; nil when it is not one this type encoded (malformed, altered or out of range).
    init?(_ token: String) {
        guard let parts = PageToken.decode(token, purpose: Self.purpose, fieldCount: 5), parts[0] == Self.version,
            // A department id has the form of every Loket id (`core.departments`: `^[a-z][a-z0-9-]{0,39}$`).
            parts[1].isEmpty || PluginManifest.isValidID(parts[1]),
            let dueWithin = PageToken.decimal(parts[2], maxDigits: 2), Self.dueWithinRange.contains(dueWithin),
            // The canonical form only (`2026-03-02`): what `description` writes, and a date PostgreSQL takes.
            let dueOn = Day(parts[3]), dueOn.description == parts[3],
            let id = UUID(uuidString: parts[4]), id.uuidString.lowercased() == parts[4]
        else { return nil }
        self.init(department: parts[1], dueWithin: dueWithin, dueOn: dueOn, id: id)
    }

    /// True when the token was made for a list with these filters.
    func matches(department: String, dueWithin: Int) -> Bool {
        self.department == department && self.dueWithin == dueWithin
    }

    /// The opaque form handed to clients.
    ///
    /// Only made for a page followed by another, that is for a department that has items: its id has the form of
    /// ``LoketPluginAPI/PluginManifest/isValidID(_:)`` and so never holds the `|` that `PageToken` refuses.
    var encoded: String {
        PageToken.encode(
            [Self.version, department, String(dueWithin), dueOn.description, id.uuidString.lowercased()],
            purpose: Self.purpose)
    }
}
