import LoketCalendar

extension LoketConfiguration {
    /// Checks ranges and consistency that a single value's type cannot express.
    ///
    /// The error names the offending key, so that `ConfigurationLoader` can add where the value came from.
    public func validate() throws(ConfigurationError) {
        try Self.check(server.port, in: 0...65_535, key: "server.port")  // 0: any free port
        try Self.check(server.eventLoopThreads, in: 0...4_096, key: "server.event_loop_threads")
        try Self.check(server.maxMessageBytes, in: 1_024...1_073_741_824, key: "server.max_message_bytes")
        try Self.check(server.idlePollMicroseconds, in: 0...1_000, key: "server.idle_poll_microseconds")
        try Self.check(database.poolSize, in: 1...1_000, key: "database.pool_size")
        try Self.check(database.pipelineLimit, in: 1...256, key: "database.pipeline_limit")
        if server.host.isEmpty {
            throw ConfigurationError(.validationFailed, "server.host must not be empty", key: "server.host")
        }
        if !(server.gracePeriodSeconds >= 0) || !server.gracePeriodSeconds.isFinite {
            throw Self.failure("server.grace_period_seconds", "a finite number >= 0", server.gracePeriodSeconds)
        }
        try Self.checkTimeout(database.connectTimeoutSeconds, key: "database.connect_timeout_seconds")
        try Self.checkTimeout(database.acquireTimeoutSeconds, key: "database.acquire_timeout_seconds")
        switch (tls.certificatePath, tls.privateKeyPath) {
        case (nil, nil), (.some, .some):
            break
        case (.some, nil):
            throw ConfigurationError(
                .validationFailed, "tls.certificate_path is set but tls.private_key_path is not; TLS needs both",
                key: "tls.certificate_path")
        case (nil, .some):
            throw ConfigurationError(
                .validationFailed, "tls.private_key_path is set but tls.certificate_path is not; TLS needs both",
                key: "tls.private_key_path")
        }
        do {
            _ = try Region.parseList(calendar.regions)
        } catch {
            throw ConfigurationError(.validationFailed, "calendar.regions: \(error)", key: "calendar.regions")
        }
        do {
            _ = try WorkingDayCalendar(regionList: "", closingDayList: calendar.closingDays)
        } catch {
            throw ConfigurationError(.validationFailed, "calendar.closing_days: \(error)", key: "calendar.closing_days")
        }
        if tls.clientCAPath != nil && !tls.isEnabled {
            throw ConfigurationError(
                .validationFailed,
                "tls.client_ca_path requires TLS; set tls.certificate_path and tls.private_key_path too",
                key: "tls.client_ca_path")
        }
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, key: String) throws(ConfigurationError) {
        if !range.contains(value) {
            throw failure(key, "between \(range.lowerBound) and \(range.upperBound)", value)
        }
    }

    /// A timeout in seconds: above zero, and at most a day (so that it converts to milliseconds exactly).
    private static func checkTimeout(_ seconds: Double, key: String) throws(ConfigurationError) {
        if !(seconds > 0 && seconds <= 86_400) {
            throw failure(key, "a number of seconds above 0 and at most 86400", seconds)
        }
    }

    private static func failure(_ key: String, _ expected: String, _ value: some Numeric) -> ConfigurationError {
        ConfigurationError(.validationFailed, "\(key) must be \(expected), got \(value)", key: key)
    }
}
