import Foundation

/// The proxy rules: a legal reason with a certificate; voter and holder on the roll and different; a voter
/// gives one proxy; a holder holds one; a candidate holds one only for close family.
enum ProxyRules {
    /// A holder may hold this many proxies.
    static let maximumHeld = 1

    /// Checks a proxy; throws the first rule it breaks.
    static func check(_ request: ProxyRequest) throws(ProxyRefusal) {
        guard request.reason != nil else { throw .reasonMissing }
        if request.certificateReference.trimmingCharacters(in: .whitespaces).isEmpty { throw .certificateMissing }
        if request.voter == request.holder { throw .selfProxy }
        if !request.voterOnRoll { throw .voterNotOnRoll }
        if !request.holderOnRoll { throw .holderNotOnRoll }
        if request.proxiesGivenByVoter > 0 { throw .voterAlreadyGaveProxy }
        if request.proxiesHeldByHolder >= maximumHeld { throw .holderAlreadyHoldsProxy }
        if request.holderIsCandidate && !request.relationship.isCloseFamily { throw .candidateNotCloseFamily }
    }
}
