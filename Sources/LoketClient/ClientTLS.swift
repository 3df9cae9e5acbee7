import LoketRPC
import NIOCore
import NIOSSL

/// TLS for a `GRPCClient`: which CAs to trust, an optional client certificate for mutual TLS, and the name the
/// server's certificate must carry.
public struct ClientTLS: Sendable, Hashable {
    /// A PEM bundle of the CAs that may sign the server's certificate; nil trusts the system's default roots.
    public var trustRootsPath: String?
    /// A PEM certificate chain (leaf first) to present to the server, for mutual TLS.
    public var certificateChainPath: String?
    /// The PEM private key of `certificateChainPath`.
    public var privateKeyPath: String?
    /// The host name to send (SNI) and to check the server's certificate against, when it differs from the host
    /// connected to. Without it an IP address host is checked against the certificate's IP addresses. (NIOSSL
    /// also accepts a certificate that names the peer's IP address, whatever the name.)
    public var serverName: String?

    /// Creates settings; every file is read when the client first connects.
    public init(
        trustRootsPath: String? = nil, certificateChainPath: String? = nil, privateKeyPath: String? = nil,
        serverName: String? = nil
    ) {
        self.trustRootsPath = trustRootsPath
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.serverName = serverName
    }

    /// The SSL context and SNI name for `host`; errors are UNAVAILABLE and name the file that failed.
    func makeContext(host: String) -> Result<(context: NIOSSLContext, serverHostname: String?), RPCError> {
        Result { () throws(RPCError) in
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.applicationProtocols = ["h2"]
            configuration.minimumTLSVersion = .tlsv12
            if let trustRootsPath {
                let roots = try Self.load("the trust roots \(trustRootsPath)") {
                    try NIOSSLCertificate.fromPEMFile(trustRootsPath)
                }
                configuration.trustRoots = .certificates(roots)
            }
            switch (certificateChainPath, privateKeyPath) {
            case (let chainPath?, let keyPath?):
                let chain = try Self.load("the client certificate chain \(chainPath)") {
                    try NIOSSLCertificate.fromPEMFile(chainPath)
                }
                let key = try Self.load("the client private key \(keyPath)") {
                    try NIOSSLPrivateKey(file: keyPath, format: .pem)
                }
                configuration.certificateChain = chain.map { .certificate($0) }
                configuration.privateKey = .privateKey(key)
            case (nil, nil):
                break
            default:
                throw RPCError(
                    code: .unavailable, message: "mutual TLS needs both a client certificate chain and its private key")
            }
            let context = try Self.load("a TLS configuration from these files") {
                try NIOSSLContext(configuration: configuration)
            }
            // SNI carries names only; for an IP address NIOSSL checks the certificate against the peer address.
            let name = serverName ?? host
            let isAddress = (try? SocketAddress(ipAddress: name, port: 0)) != nil
            return (context, isAddress ? nil : name)
        }
    }

    private static func load<T>(_ what: String, _ body: () throws -> T) throws(RPCError) -> T {
        do {
            return try body()
        } catch {
            throw RPCError(code: .unavailable, message: "cannot load \(what): \(error)", cause: error)
        }
    }
}
