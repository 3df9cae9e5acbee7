import ArgumentParser
import LoketHost

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `loketctl certificate ...`: client certificates for mutual TLS.
struct CertificateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Register client certificates (mutual TLS).",
        subcommands: [Register.self])

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a client certificate (one PEM certificate) for a principal.")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The principal's id (see `principal list`).")
        var principalID: String

        @Argument(help: "A file holding one PEM certificate.", completion: .file())
        var pemFile: String

        @Option(help: ArgumentHelp("What the certificate is for.", valueName: "text"))
        var label: String = ""

        func run() async throws {
            let pem: String
            do {
                pem = try String(contentsOfFile: pemFile, encoding: .utf8)
            } catch {
                Output.error("cannot read \(pemFile): \(error.localizedDescription)")
                throw ExitCode.failure
            }
            let credential = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.registerCertificate,
                Loket_Admin_V1_RegisterCertificateRequest.with {
                    $0.principalId = principalID
                    $0.certificatePem = pem
                    $0.label = label
                }, as: Loket_Admin_V1_Credential.self)
            Output.emit(options.json, json: credential.json, table: Loket_Admin_V1_Credential.table([credential]))
        }
    }
}
