/// Where a non-Belgian's application to be on the roll stands.
enum ApplicationStatus: String, Sendable, Hashable, CaseIterable {
    case pending
    case approved
    case refused
    case withdrawn
}
