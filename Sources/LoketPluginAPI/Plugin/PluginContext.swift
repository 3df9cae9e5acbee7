import LoketSQL

/// What the host gives a plugin to build its services with: the database, a clock, a logger, the audit writer, a
/// localizer over the plugin's messages, the database notifications and a document renderer.
public struct PluginContext: Sendable {
    /// The plugin's id.
    public let pluginID: String
    /// The database.
    public let database: any Database
    /// The time of day.
    public let clock: any WallClock
    /// A logger labelled with the plugin's id.
    public let logger: Logger
    /// Writes audit records in a call's transaction; used through ``Transaction/audit(_:)``.
    public let auditWriter: any AuditWriter
    /// Commits the audit records of reads outside a transaction; used through ``read(_:_:)``.
    public let auditJournal: any AuditJournal
    /// The plugin's messages in the caller's language.
    public let localizer: Localizer
    /// The working-day calendar deadlines are counted in (national holidays, the configured regions and the
    /// city's closing days).
    public let calendar: WorkingDayCalendar
    /// The notifications that transactions send (``Transaction/notify(channel:payload:)``), for handlers that
    /// wait for new data, such as a server-streaming feed. Plugins have no other way to LISTEN.
    public let notifications: any NotificationSource
    /// Renders documents (extracts, certificates, letters) as PDF.
    public let documentRenderer: any DocumentRenderer

    /// Creates a context; the host does this for each plugin, tests for the plugin under test (whose contexts
    /// hear no notifications unless they pass a source).
    public init(
        pluginID: String, database: any Database, clock: any WallClock, logger: Logger, auditWriter: any AuditWriter,
        auditJournal: any AuditJournal, localizer: Localizer, calendar: WorkingDayCalendar = WorkingDayCalendar(),
        notifications: any NotificationSource = SilentNotificationSource(), documentRenderer: any DocumentRenderer
    ) {
        self.documentRenderer = documentRenderer
        self.calendar = calendar
        self.notifications = notifications
        self.pluginID = pluginID
        self.database = database
        self.clock = clock
        self.logger = logger
        self.auditWriter = auditWriter
        self.auditJournal = auditJournal
        self.localizer = localizer
    }

    /// Runs `body` in one transaction for the call in `context`: bounded by the call's deadline, with audit
    /// records written through the same transaction. Commits on return, rolls back on throw.
    public func transaction<Result: Sendable>(
        _ context: ServerContext, isolation: IsolationLevel = .readCommitted,
        _ body: (Transaction) async throws -> Result
    ) async throws -> Result {
        // A deadline already passed is the database's to refuse (a timeout error, DEADLINE_EXCEEDED to the client).
        let auditWriter = self.auditWriter
        return try await database.withTransaction(isolation: isolation, timeout: context.storeTimeout) { executor in
            try await body(Transaction(executor: executor, context: context, auditWriter: auditWriter))
        }
    }
}
