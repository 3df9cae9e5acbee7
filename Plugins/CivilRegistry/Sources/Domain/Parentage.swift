import Foundation

/// A person's recorded parents, as far as the register knows them.
public struct Parentage: Sendable, Hashable {
    public var mother: UUID?
    public var father: UUID?

    public init(mother: UUID? = nil, father: UUID? = nil) {
        self.mother = mother
        self.father = father
    }

    /// Whether at least one parent is recorded.
    public var isRecorded: Bool { mother != nil || father != nil }
}
