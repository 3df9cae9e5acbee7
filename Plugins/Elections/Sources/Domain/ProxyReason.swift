/// The legal reasons a voter may give a proxy for (each needs a certificate).
enum ProxyReason: String, Sendable, Hashable, CaseIterable {
    case illness
    case work
    case studies
    case abroad
    case detention
    case religion
}
