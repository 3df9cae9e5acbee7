import ArgumentParser
import LoketClient

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The options every RPC command shares: where loketd is, how to authenticate, and how to print.
struct ServerOptions: ParsableArguments {
    /// The address used when neither `--server` nor `LOKET_SERVER` gives one.
    static let defaultServer = "127.0.0.1:50051"

    @Option(
        help: ArgumentHelp(
            "loketd's address; default $LOKET_SERVER, else \(ServerOptions.defaultServer).", valueName: "host:port"))
    var server: String?

    @Option(
        name: .customLong("api-key"),
        help: ArgumentHelp("An administrator's API key; default $LOKET_API_KEY (preferred: keeps it out of `ps`).",
                           valueName: "key"))
    var apiKey: String?

    @Flag(help: "Use TLS with the system's trusted roots (implied by --tls-ca and --client-cert).")
    var tls = false

    @Option(
        name: .customLong("tls-ca"),
        help: ArgumentHelp("PEM bundle of the CAs that sign loketd's certificate; turns TLS on.", valueName: "file"))
    var tlsCA: String?

    @Option(help: ArgumentHelp("PEM client certificate chain, for mutual TLS.", valueName: "file"))
    var clientCert: String?

    @Option(help: ArgumentHelp("PEM private key of --client-cert.", valueName: "file"))
    var clientKey: String?

    @Option(help: ArgumentHelp("The language of the server's messages (accept-language).", valueName: "nl|fr|de|en"))
    var language: MessageLanguage?

    @Option(
        help: ArgumentHelp(
            "Why you access personal data (x-loket-purpose); needed by `audit query`. Printable ASCII.",
            valueName: "text"))
    var purpose: String?

    @Option(help: ArgumentHelp("How long a call may take, in seconds.", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(help: "Print one JSON object instead of a table (the fields are the proto field names).")
    var json = false

    func validate() throws {
        guard (try? endpoint) != nil else {
            throw ValidationError("--server must be host:port, e.g. 127.0.0.1:50051 or [::1]:50051")
        }
        guard resolvedAPIKey != nil else {
            throw ValidationError("no API key: give --api-key or set LOKET_API_KEY (see `loketctl bootstrap`)")
        }
        if (clientCert == nil) != (clientKey == nil) {
            throw ValidationError("--client-cert and --client-key go together")
        }
        if let purpose, !purpose.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            throw ValidationError("--purpose must be printable ASCII (it travels as a gRPC metadata value)")
        }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600") }
    }

    /// The API key from `--api-key`, else `LOKET_API_KEY`; nil when neither gives one.
    var resolvedAPIKey: String? {
        let key = apiKey ?? ProcessInfo.processInfo.environment["LOKET_API_KEY"]
        guard let key = key?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { return nil }
        return key
    }

    /// The host and port from `--server`, else `LOKET_SERVER`, else the default.
    var endpoint: (host: String, port: Int) {
        get throws {
            let environment = ProcessInfo.processInfo.environment["LOKET_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
            let text = server ?? environment ?? Self.defaultServer
            guard let endpoint = Self.parseEndpoint(text) else {
                throw ValidationError("\(text) is not host:port")
            }
            return endpoint
        }
    }

    /// The TLS settings; nil for cleartext.
    var clientTLS: ClientTLS? {
        guard tls || tlsCA != nil || clientCert != nil else { return nil }
        return ClientTLS(trustRootsPath: tlsCA, certificateChainPath: clientCert, privateKeyPath: clientKey)
    }

    /// `host:port`, with the host in brackets when it is an IPv6 address.
    static func parseEndpoint(_ text: String) -> (host: String, port: Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else { return nil }
        }
        guard !host.isEmpty, let port = Int(portText), (1...65535).contains(port) else { return nil }
        return (String(host), port)
    }
}

/// The languages the server's messages come in.
enum MessageLanguage: String, CaseIterable, ExpressibleByArgument {
    case nl, fr, de, en
}
