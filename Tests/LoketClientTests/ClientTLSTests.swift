import Foundation
import LoketClient
import LoketHTTP2
import LoketRPC
import LoketStandardServices
import Testing

/// TLS and mutual TLS against a server with certificates from a throw-away CA.
@Suite struct ClientTLSTests {
    static let unaryCall = "/grpc.testing.TestService/UnaryCall"

    private static func largeCall(_ client: GRPCClient) async throws(RPCError) -> Int {
        let request = Grpc_Testing_SimpleRequest.with {
            $0.responseSize = 314_159
            $0.payload = .with { $0.body = Data(count: 271_828) }
        }
        let response = try await client.unary(Self.unaryCall, request: request, as: Grpc_Testing_SimpleResponse.self)
        return response.payload?.body.count ?? -1
    }

    @Test func tlsWithTrustedServerCertificate() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let tls = TLSSettings(certificatePath: certificates.serverCertificate, privateKeyPath: certificates.serverKey)
        try await TestServer.with(tls: tls) { port, _ in
            // By IP address (checked against the certificate's IP names) and by host name (SNI).
            for (host, serverName) in [("127.0.0.1", nil), ("127.0.0.1", "localhost"), ("localhost", nil)] {
                let client = GRPCClient(
                    host: host, port: port,
                    tls: ClientTLS(trustRootsPath: certificates.caCertificate, serverName: serverName))
                let size = try await Self.largeCall(client)
                #expect(size == 314_159)
                await client.close()
            }
        }
    }

    @Test func untrustedServerIsUnavailable() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let tls = TLSSettings(certificatePath: certificates.serverCertificate, privateKeyPath: certificates.serverKey)
        try await TestServer.with(tls: tls) { port, _ in
            for clientTLS in [
                ClientTLS(trustRootsPath: certificates.strangerCertificate),
                ClientTLS(),  // the system's roots do not include the test CA
            ] {
                let client = GRPCClient(host: "127.0.0.1", port: port, tls: clientTLS)
                let error = await #expect(throws: RPCError.self) { _ = try await Self.largeCall(client) }
                #expect(error?.code == .unavailable)
                await client.close()
            }
        }
    }

    @Test func mutualTLS() async throws {
        let certificates = try await TestCertificates.make()
        defer { certificates.remove() }
        let tls = TLSSettings(
            certificatePath: certificates.serverCertificate, privateKeyPath: certificates.serverKey,
            clientCAPath: certificates.caCertificate)
        try await TestServer.with(tls: tls) { port, _ in
            let client = GRPCClient(
                host: "127.0.0.1", port: port,
                tls: ClientTLS(
                    trustRootsPath: certificates.caCertificate, certificateChainPath: certificates.clientCertificate,
                    privateKeyPath: certificates.clientKey))
            let size = try await Self.largeCall(client)
            #expect(size == 314_159)
            await client.close()

            let anonymous = GRPCClient(
                host: "127.0.0.1", port: port, tls: ClientTLS(trustRootsPath: certificates.caCertificate))
            let error = await #expect(throws: RPCError.self) { _ = try await Self.largeCall(anonymous) }
            #expect(error?.code == .unavailable)
            await anonymous.close()
        }
    }

    @Test func unreadableTLSFilesAreUnavailableAndNamed() async throws {
        let client = GRPCClient(
            host: "127.0.0.1", port: 1, tls: ClientTLS(trustRootsPath: "/nonexistent/loket-ca.pem"))
        let error = await #expect(throws: RPCError.self) { _ = try await Self.largeCall(client) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("/nonexistent/loket-ca.pem") == true)
        await client.close()
    }
}
