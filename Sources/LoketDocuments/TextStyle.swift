/// The kinds of text on a page, each with its size and weight.
enum TextStyle: Sendable, Hashable, CaseIterable {
    case title
    case heading
    case label
    case value
    case footer

    /// The font size in points.
    var size: Double {
        switch self {
        case .title: 16
        case .heading: 12
        case .label, .value: 10.5
        case .footer: 8.5
        }
    }

    /// Whether the text is set in the bold face.
    var isBold: Bool {
        switch self {
        case .title, .heading, .label: true
        case .value, .footer: false
        }
    }

    /// The distance between two baselines.
    var lineHeight: Double { size * 1.4 }
}
