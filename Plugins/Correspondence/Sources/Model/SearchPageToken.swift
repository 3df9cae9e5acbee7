import LoketPluginAPI

/// Where the next page of a search starts, as the page token the client sends back: `r:40` for the hits after the
/// first 40 in relevance order, `n:2025-06-30:2025/IN/000123` for the hits after that one, newest first.
public enum SearchPageToken: Sendable, Hashable, CustomStringConvertible {
    /// Relevance order: the hits after the first `offset`.
    case ranked(offset: Int)
    /// Newest first: the hits received before `day`, or on `day` with a lower reference.
    case newest(after: Day, reference: ReferenceNumber)

    /// Parses a token; nil for anything this type did not write (or an offset beyond `maxOffset`).
    public init?(_ text: String, maxOffset: Int) {
        if text.hasPrefix("r:") {
            let digits = text.dropFirst(2)
            guard (1...4).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }), let offset = Int(digits),
                offset >= 1, offset <= maxOffset
            else { return nil }
            self = .ranked(offset: offset)
        } else if text.hasPrefix("n:") {
            let parts = text.dropFirst(2).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let day = Day(String(parts[0])), day.description == parts[0],
                let reference = ReferenceNumber(String(parts[1])), reference.description == parts[1]
            else { return nil }
            self = .newest(after: day, reference: reference)
        } else {
            return nil
        }
    }

    /// The token's text.
    public var description: String {
        switch self {
        case .ranked(let offset): "r:\(offset)"
        case .newest(let day, let reference): "n:\(day):\(reference)"
        }
    }
}
