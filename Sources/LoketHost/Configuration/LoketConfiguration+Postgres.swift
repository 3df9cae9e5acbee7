import LoketCalendar
import LoketStore

extension LoketConfiguration.Database {
    /// The store's settings: `url` when set, else libpq's PG* environment variables.
    public var postgresConfiguration: PostgresConfiguration {
        PostgresConfiguration(
            connectionString: url, poolSize: poolSize,
            connectTimeout: .milliseconds(Int64(connectTimeoutSeconds * 1000)))
    }
}

extension LoketConfiguration.Calendar {
    /// The working-day calendar these settings describe; call after validation, which rejects what cannot be
    /// read (the national calendar is the fallback).
    public var workingDayCalendar: WorkingDayCalendar {
        (try? WorkingDayCalendar(regionList: regions, closingDayList: closingDays)) ?? WorkingDayCalendar()
    }
}
