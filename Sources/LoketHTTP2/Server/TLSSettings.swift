import NIOSSL

/// TLS for the server: a certificate chain and key in PEM files, ALPN `h2`, and optionally client certificates
/// (mutual TLS, for federal integrations).
public struct TLSSettings: Sendable, Hashable {
    /// The PEM certificate chain, leaf first.
    public var certificatePath: String
    /// The PEM private key.
    public var privateKeyPath: String
    /// A PEM bundle of CAs; when set, every client must present a certificate one of them signed.
    public var clientCAPath: String?

    /// Creates settings from file paths.
    public init(certificatePath: String, privateKeyPath: String, clientCAPath: String? = nil) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.clientCAPath = clientCAPath
    }

    /// Loads the files into an SSL context; errors name the file that failed.
    func makeContext() throws -> NIOSSLContext {
        let chain: [NIOSSLCertificateSource]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) }
        } catch {
            throw TLSSetupError(message: "cannot read the TLS certificate chain \(certificatePath): \(error)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        } catch {
            throw TLSSetupError(message: "cannot read the TLS private key \(privateKeyPath): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.applicationProtocols = ["h2"]
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAPath {
            do {
                let roots = try NIOSSLCertificate.fromPEMFile(clientCAPath)
                configuration.trustRoots = .certificates(roots)
            } catch {
                throw TLSSetupError(message: "cannot read the client CA bundle \(clientCAPath): \(error)")
            }
            // Clients are identified by their certificate, not a host name.
            configuration.certificateVerification = .noHostnameVerification
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSetupError(message: "the TLS certificate and key do not form a usable configuration: \(error)")
        }
    }
}

/// TLS could not be set up from the configured files.
public struct TLSSetupError: Error, CustomStringConvertible {
    /// What failed, naming the file.
    public var message: String
    public var description: String { message }
}
