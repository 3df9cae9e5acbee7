import ArgumentParser

/// The Loket administration command line: the `loket.admin.v1.Admin` RPCs, and `bootstrap` for the first key.
@main
struct Loketctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loketctl",
        abstract: "Administer a Loket server: departments, plugins, principals, credentials and the audit log.",
        discussion: """
            Every command but `bootstrap` calls loketd's admin service with an administrator's API key \
            (--api-key or $LOKET_API_KEY) on --server or $LOKET_SERVER (default 127.0.0.1:50051). Start with \
            `loketctl bootstrap` on a fresh database to get the first administrator key.

            Errors from the server are printed as `loketctl: <STATUS>: <message>` and exit with status 1.
            """,
        version: "0.1.0",
        subcommands: [
            BootstrapCommand.self, DepartmentCommand.self, PluginCommand.self, PrincipalCommand.self,
            KeyCommand.self, CertificateCommand.self, CredentialCommand.self, AuditCommand.self,
        ])
}
