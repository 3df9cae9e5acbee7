import Foundation

/// A throw-away CA with a server certificate (for `localhost` and 127.0.0.1) and a client certificate, plus a
/// self-signed "stranger" CA that signed nothing, made with the `openssl` command in a temporary folder.
struct TestCertificates {
    let folder: URL
    var caCertificate: String { path("ca.pem") }
    var serverCertificate: String { path("server.pem") }
    var serverKey: String { path("server.key") }
    var clientCertificate: String { path("client.pem") }
    var clientKey: String { path("client.key") }
    var strangerCertificate: String { path("stranger.pem") }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Generates the files; call ``remove()`` when done.
    static func make() async throws -> TestCertificates {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loket-client-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificates = TestCertificates(folder: folder)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for name in ["ca", "stranger"] {
            try await openssl(
                ["req", "-x509"] + curve + ["-keyout", "\(name).key", "-out", "\(name).pem", "-days", "2", "-subj",
                    "/CN=Loket test \(name)"], in: folder)
        }
        for (name, usage, names) in [
            ("server", "serverAuth", "DNS:localhost,IP:127.0.0.1"), ("client", "clientAuth", "DNS:loket-test-client"),
        ] {
            try "subjectAltName=\(names)\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=\(usage)\n"
                .write(to: folder.appendingPathComponent("\(name).ext"), atomically: true, encoding: .utf8)
            try await openssl(
                ["req"] + curve + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)"], in: folder)
            try await openssl(
                ["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", "\(name).pem", "-days", "2", "-extfile", "\(name).ext"], in: folder)
        }
        return certificates
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private struct OpenSSLFailed: Error, CustomStringConvertible {
        var description: String
    }

    private static func openssl(_ arguments: [String], in folder: URL) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw OpenSSLFailed(description: "openssl \(arguments.joined(separator: " ")) failed: \(output)")
        }
    }
}
