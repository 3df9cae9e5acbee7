/// A proxy as requested, with what the roll and the other proxies say about voter and holder.
struct ProxyRequest: Sendable, Hashable {
    var voter: String
    var holder: String
    var reason: ProxyReason?
    var certificateReference: String
    var relationship: Relationship
    var voterOnRoll: Bool
    var holderOnRoll: Bool
    /// The number of proxies the voter has already given for this election.
    var proxiesGivenByVoter: Int
    /// The number of proxies the holder already holds for this election.
    var proxiesHeldByHolder: Int
    /// Whether the holder is a candidate in this election.
    var holderIsCandidate: Bool
}
