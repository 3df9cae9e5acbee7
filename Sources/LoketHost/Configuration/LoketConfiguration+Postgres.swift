import LoketStore

extension LoketConfiguration.Database {
    /// The store's settings: `url` when set, else libpq's PG* environment variables.
    public var postgresConfiguration: PostgresConfiguration {
        PostgresConfiguration(
            connectionString: url, poolSize: poolSize,
            acquireTimeout: .milliseconds(Int64(acquireTimeoutSeconds * 1000)),
            connectTimeout: .milliseconds(Int64(connectTimeoutSeconds * 1000)), pipelineLimit: pipelineLimit)
    }
}
