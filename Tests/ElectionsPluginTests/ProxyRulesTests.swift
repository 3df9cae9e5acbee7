import Testing

@testable import ElectionsPlugin

@Suite("Proxy rules")
struct ProxyRulesTests {
    func request(
        reason: ProxyReason? = .illness, certificate: String = "CERT-1", holder: String = "B",
        relationship: Relationship = .none, voterOnRoll: Bool = true, holderOnRoll: Bool = true, given: Int = 0,
        held: Int = 0, candidate: Bool = false
    ) -> ProxyRequest {
        ProxyRequest(
            voter: "A", holder: holder, reason: reason, certificateReference: certificate, relationship: relationship,
            voterOnRoll: voterOnRoll, holderOnRoll: holderOnRoll, proxiesGivenByVoter: given,
            proxiesHeldByHolder: held, holderIsCandidate: candidate)
    }

    func refusal(_ request: ProxyRequest) -> ProxyRefusal? {
        do {
            try ProxyRules.check(request)
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidProxy() {
        #expect(refusal(request()) == nil)
        for reason in ProxyReason.allCases { #expect(refusal(request(reason: reason)) == nil) }
    }

    @Test func reasonAndCertificateAreRequired() {
        #expect(refusal(request(reason: nil)) == .reasonMissing)
        #expect(refusal(request(certificate: "  ")) == .certificateMissing)
    }

    @Test func voterAndHolderOnTheRollAndDifferent() {
        #expect(refusal(request(holder: "A")) == .selfProxy)
        #expect(refusal(request(voterOnRoll: false)) == .voterNotOnRoll)
        #expect(refusal(request(holderOnRoll: false)) == .holderNotOnRoll)
    }

    @Test func oneProxyPerVoterAndPerHolder() {
        #expect(refusal(request(given: 1)) == .voterAlreadyGaveProxy)
        #expect(refusal(request(held: 1)) == .holderAlreadyHoldsProxy)
    }

    @Test func aCandidateOnlyForCloseFamily() {
        #expect(refusal(request(candidate: true)) == .candidateNotCloseFamily)
        for relationship in Relationship.allCases where relationship != .none {
            #expect(refusal(request(relationship: relationship, candidate: true)) == nil)
        }
        #expect(refusal(request(relationship: .none, candidate: false)) == nil)
    }
}
