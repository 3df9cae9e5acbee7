import Logging
import Synchronization

/// Sets up swift-log for Loket processes.
public enum LoketLogging {
    private static let isBootstrapped = Mutex(false)

    /// Makes every `Logger` write to standard error in `config.format`, at `config.level` and above.
    ///
    /// Only the first call has an effect and returns true: swift-log allows a single bootstrap per
    /// process and traps on a second one.
    @discardableResult
    public static func bootstrap(_ config: LoketConfiguration.Log) -> Bool {
        let isFirst = isBootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard isFirst else { return false }
        LoggingSystem.bootstrap(
            { label, provider in makeHandler(label: label, config: config, metadataProvider: provider) },
            metadataProvider: nil)
        return true
    }

    /// A handler for `config`, writing to `output`; what `bootstrap` installs, usable without it.
    public static func makeHandler(
        label: String, config: LoketConfiguration.Log, output: LogOutput = .standardError,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        var handler: any LogHandler =
            switch config.format {
            case .text: LogfmtLogHandler(label: label, output: output, metadataProvider: metadataProvider)
            case .json: JSONLogHandler(label: label, output: output, metadataProvider: metadataProvider)
            }
        handler.logLevel = config.level
        return handler
    }
}
