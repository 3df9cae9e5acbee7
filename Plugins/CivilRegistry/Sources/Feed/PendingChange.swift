import Foundation

/// A change to one person that a handler made and the feed must report, recorded at the end of the handler's
/// transaction (see ``CivilRegistryService/recordChanges(_:in:)``).
struct PendingChange: Sendable, Hashable {
    var kind: RegisterChangeKind
    var person: UUID
    var act: UUID?
    var actKind: ActKind?
    var informationTypes: [InformationType]

    init(
        _ kind: RegisterChangeKind, person: UUID, act: UUID? = nil, actKind: ActKind? = nil,
        informationTypes: [InformationType]
    ) {
        self.kind = kind
        self.person = person
        self.act = act
        self.actKind = actKind
        self.informationTypes = informationTypes
    }
}
