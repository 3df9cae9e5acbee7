import Logging

/// How a log record becomes one line of text.
protocol LogLineFormat {
    /// The line for `record`, ending in a newline.
    static func line(for record: LogRecord) -> String
}

/// A swift-log handler that writes each record as one line in `Format`, atomically, to a `LogOutput`.
struct LineLogHandler<Format: LogLineFormat>: LogHandler {
    /// The logger label.
    let label: String
    /// The least severe level that is written.
    var logLevel: Logger.Level = .info
    /// Metadata written with every record of this handler.
    var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata (for example task-local request ids) for each record.
    var metadataProvider: Logger.MetadataProvider?
    private let output: LogOutput
    private let timestamp: @Sendable () -> String

    /// Creates a handler writing to `output` (standard error by default).
    init(label: String, output: LogOutput = .standardError, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, output: output, metadataProvider: metadataProvider, timestamp: LogTimestamp.now)
    }

    init(
        label: String, output: LogOutput, metadataProvider: Logger.MetadataProvider?,
        timestamp: @escaping @Sendable () -> String
    ) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
        self.timestamp = timestamp
    }

    /// One metadata value of this handler.
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Formats the record and writes it as one line.
    func log(event: LogEvent) {
        let record = LogRecord(
            event: event, label: label, handlerMetadata: metadata, provider: metadataProvider, timestamp: timestamp())
        output.write(Format.line(for: record))
    }
}
