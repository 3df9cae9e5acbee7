import ArgumentParser
import LoketHost

/// `loketctl audit ...`: the audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Search the audit log.",
        subcommands: [Query.self])

    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the audit log, newest first, a page at a time.",
            discussion: """
                Reading the log is itself audited and needs a purpose: give --purpose "<why>". The period is \
                [--from, --to). When more entries match, the next page's token is printed last (in JSON: \
                next_page_token).
                """)

        @OptionGroup var options: ServerOptions

        @Option(help: ArgumentHelp("Entries about this subject, e.g. department:burgerzaken.", valueName: "kind:id"))
        var subject: String?

        @Option(help: ArgumentHelp("Entries of this principal.", valueName: "principal-id"))
        var principal: String?

        @Option(help: ArgumentHelp("From this time, e.g. 2026-11-22T09:00:00Z.", valueName: "RFC3339"))
        var from: String?

        @Option(help: ArgumentHelp("Before this time.", valueName: "RFC3339"))
        var to: String?

        @Option(help: ArgumentHelp("Entries per page, 1 to 1000; default 100.", valueName: "n"))
        var pageSize: Int32?

        @Option(help: ArgumentHelp("A previous page's next-page token.", valueName: "token"))
        var pageToken: String?

        func validate() throws {
            guard options.purpose != nil else {
                throw ValidationError("reading the audit log needs a purpose: give --purpose \"<why>\"")
            }
            if let subject, !subject.contains(":") {
                throw ValidationError("--subject must be kind:id, e.g. department:burgerzaken")
            }
            if let pageSize, !(1...1000).contains(pageSize) {
                throw ValidationError("--page-size must be between 1 and 1000")
            }
        }

        func run() async throws {
            let response = try await AdminConnection.call(
                options, Loket_Admin_V1_Admin.Method.queryAudit,
                Loket_Admin_V1_QueryAuditRequest.with {
                    $0.subject = subject ?? ""
                    $0.principalId = principal ?? ""
                    $0.from = from ?? ""
                    $0.to = to ?? ""
                    $0.pageSize = pageSize ?? 0
                    $0.pageToken = pageToken ?? ""
                }, as: Loket_Admin_V1_QueryAuditResponse.self)
            Output.emit(
                options.json,
                json: .object([
                    ("entries", .array(response.entries.map(\.json))),
                    ("next_page_token", .optional(response.nextPageToken)),
                ]),
                table: Loket_Admin_V1_AuditEntry.table(response.entries))
            if !options.json, !response.nextPageToken.isEmpty {
                print("\nMore entries: --page-token \(response.nextPageToken)")
            }
        }
    }
}
