/// Which house numbers of a range a street section covers.
enum Parity: String, Sendable, Hashable, CaseIterable {
    case all
    case odd
    case even

    /// Whether `number` has this parity.
    func matches(_ number: Int) -> Bool {
        switch self {
        case .all: true
        case .odd: number % 2 == 1
        case .even: number % 2 == 0
        }
    }
}
