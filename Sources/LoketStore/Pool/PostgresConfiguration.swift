import Foundation

/// How to reach PostgreSQL and how to pool connections; defaults match the README's `database.*` keys.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection URL (`postgresql://user@host:5432/db?sslmode=require`) or `key=value` string; nil
    /// leaves everything to the standard `PG*` environment variables (`PGHOST`, `PGPORT`, `PGUSER`, …).
    public var connectionString: String?
    /// Connections in the pool.
    public var poolSize: Int
    /// How long a caller waits for a free connection before getting ``StoreError/Code/poolTimeout``.
    public var acquireTimeout: Duration
    /// How long opening a connection may take (libpq rounds up to whole seconds, at least two).
    public var connectTimeout: Duration
    /// Run-time parameters set on every new connection, e.g. `["search_path": "tenant_a"]`; `DateStyle` and
    /// `bytea_output` are always ISO and hex, which the decoders rely on.
    public var sessionSettings: [String: String]
    /// The name the server shows in `pg_stat_activity`, unless the connection string sets one.
    public var applicationName: String
    /// How transactions are retried after serialization failures and deadlocks.
    public var retryPolicy: RetryPolicy
    /// The most statements of waiting callers sent together in one round trip (``PostgresPool``); 1 sends each
    /// alone. Default 16.
    public var pipelineLimit: Int

    /// Creates a configuration.
    public init(
        connectionString: String? = nil, poolSize: Int = 10, acquireTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(5), sessionSettings: [String: String] = [:],
        applicationName: String = "loketd", retryPolicy: RetryPolicy = RetryPolicy(), pipelineLimit: Int = 16
    ) {
        self.connectionString = connectionString
        self.poolSize = max(1, poolSize)
        self.acquireTimeout = acquireTimeout
        self.connectTimeout = connectTimeout
        self.sessionSettings = sessionSettings
        self.applicationName = applicationName
        self.retryPolicy = retryPolicy
        self.pipelineLimit = max(1, pipelineLimit)
    }

    /// The defaults with `DATABASE_URL` as the connection string when it is set and not empty.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> PostgresConfiguration {
        let url = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        return PostgresConfiguration(connectionString: url)
    }
}
