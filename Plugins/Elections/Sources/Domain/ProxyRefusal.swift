/// Why a proxy is refused; the raw value is the stable code, ``RuleText`` the explanation.
enum ProxyRefusal: String, Sendable, Hashable, CaseIterable, Error {
    case reasonMissing = "proxy-reason-missing"
    case certificateMissing = "proxy-certificate-missing"
    case selfProxy = "proxy-self"
    case voterNotOnRoll = "proxy-voter-not-on-roll"
    case holderNotOnRoll = "proxy-holder-not-on-roll"
    case voterAlreadyGaveProxy = "proxy-voter-already-given"
    case holderAlreadyHoldsProxy = "proxy-holder-already-holds"
    case candidateNotCloseFamily = "proxy-candidate-not-family"
}
