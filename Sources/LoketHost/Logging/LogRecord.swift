import Logging

/// One log event with everything a handler writes, in writing order.
struct LogRecord {
    /// Field names every line starts with; metadata keys equal to one get a leading `_` instead.
    static let reservedKeys: Set<String> = ["ts", "level", "label", "msg"]

    var timestamp: String
    var level: Logger.Level
    var label: String
    var message: String
    /// Handler, provider and call-site metadata merged (later wins), plus `error` when the event has one,
    /// sorted by key so that lines are stable and easy to compare.
    var metadata: [(key: String, value: Logger.Metadata.Value)]

    init(
        event: LogEvent, label: String, handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?,
        timestamp: String
    ) {
        var merged = handlerMetadata
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        if let error = event.error, merged["error"] == nil { merged["error"] = .string(String(describing: error)) }
        self.timestamp = timestamp
        self.level = event.level
        self.label = label
        self.message = event.message.description
        self.metadata = merged.map { key, value in (Self.reservedKeys.contains(key) ? "_" + key : key, value) }
            .sorted { $0.key < $1.key }
    }
}
