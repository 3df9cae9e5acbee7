/// The certificate a client presented in a mutual-TLS handshake, which the transport attaches to each call's
/// context (``PeerCertificateKey``) so that the host can authenticate machine clients by it.
public struct PeerCertificate: Sendable, Hashable {
    /// The certificate's DER encoding.
    public var der: [UInt8]

    /// Creates a peer certificate from its DER bytes.
    public init(der: [UInt8]) {
        self.der = der
    }
}

/// The key of the client's ``PeerCertificate`` in a ``ServerContext``; absent without mutual TLS.
public enum PeerCertificateKey: ServerContextKey {
    public typealias Value = PeerCertificate
}
