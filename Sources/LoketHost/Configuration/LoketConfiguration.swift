import Logging

/// Everything `loketd` can be configured with; the defaults suit a developer machine.
///
/// `ConfigurationLoader` fills it from a file, the environment and the command line; every
/// setting there is named `section.key` after these properties in snake_case
/// (`server.max_message_bytes`).
public struct LoketConfiguration: Sendable, Hashable {
    /// Where and how the gRPC server listens.
    public struct Server: Sendable, Hashable {
        /// The address to bind to. Default "127.0.0.1", so a fresh install is not reachable from outside.
        public var host: String
        /// The TCP port. Default 50051, the customary gRPC port.
        public var port: Int
        /// Event-loop threads; default 0 means one per CPU core.
        public var eventLoopThreads: Int
        /// The largest request or response message accepted, in bytes. Default 4 MiB (4_194_304), as in gRPC.
        public var maxMessageBytes: Int
        /// How long in-flight calls may run after shutdown starts, in seconds. Default 30.
        public var gracePeriodSeconds: Double
        /// Whether to serve the gRPC interoperability test service. Default false: it is for test rigs only.
        public var interopTestService: Bool
        /// Whether to pin each event loop, and each of the store's polling threads, to one CPU (loop *i* and
        /// polling thread *i* to the *i*-th CPU the process may use). Default false: for machines given to Loket.
        public var pinThreads: Bool
        /// How long, in microseconds, an event loop that serves a single connection keeps polling after a read
        /// before it sleeps, so that a client calling one method after another finds it awake. Default 30; 0 turns
        /// it off.
        public var idlePollMicroseconds: Int

        /// Creates server settings; every argument defaults to the documented default.
        public init(
            host: String = "127.0.0.1",
            port: Int = 50051,
            eventLoopThreads: Int = 0,
            maxMessageBytes: Int = 4_194_304,
            gracePeriodSeconds: Double = 30,
            interopTestService: Bool = false,
            pinThreads: Bool = false,
            idlePollMicroseconds: Int = 30
        ) {
            self.host = host
            self.port = port
            self.eventLoopThreads = eventLoopThreads
            self.maxMessageBytes = maxMessageBytes
            self.gracePeriodSeconds = gracePeriodSeconds
            self.interopTestService = interopTestService
            self.pinThreads = pinThreads
            self.idlePollMicroseconds = idlePollMicroseconds
        }
    }

    /// TLS for the listening socket; off unless a certificate and key are given.
    public struct TLS: Sendable, Hashable {
        /// PEM certificate chain. Default nil.
        public var certificatePath: String?
        /// PEM private key for `certificatePath`. Default nil.
        public var privateKeyPath: String?
        /// PEM bundle of CAs for client certificates; when set, clients must present one (mutual TLS). Default nil.
        public var clientCAPath: String?

        /// Creates TLS settings; TLS is off by default.
        public init(certificatePath: String? = nil, privateKeyPath: String? = nil, clientCAPath: String? = nil) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
            self.clientCAPath = clientCAPath
        }

        /// Whether the server speaks TLS: both a certificate and a key are configured.
        public var isEnabled: Bool { certificatePath != nil && privateKeyPath != nil }
    }

    /// The PostgreSQL database.
    public struct Database: Sendable, Hashable {
        /// A libpq connection URI or string. Default nil: use the standard PG* environment variables,
        /// or the built-in default when those are absent too.
        public var url: String?
        /// The number of pooled connections. Default 10.
        public var poolSize: Int
        /// How long to wait for a new connection, in seconds. Default 5.
        public var connectTimeoutSeconds: Double
        /// How long a call waits for a pooled connection when all are in use, in seconds, before it fails with
        /// UNAVAILABLE (a call's own deadline still ends the wait sooner). Default 5.
        public var acquireTimeoutSeconds: Double
        /// The most statements of calls waiting for a pooled connection that are sent together in one round trip
        /// (same SQL text only); 1 sends each alone. Default 16.
        public var pipelineLimit: Int

        /// Creates database settings; every argument defaults to the documented default.
        public init(
            url: String? = nil, poolSize: Int = 10, connectTimeoutSeconds: Double = 5, acquireTimeoutSeconds: Double = 5,
            pipelineLimit: Int = 16
        ) {
            self.url = url
            self.poolSize = poolSize
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.acquireTimeoutSeconds = acquireTimeoutSeconds
            self.pipelineLimit = pipelineLimit
        }
    }

    /// Which compiled-in plugins run.
    public struct Plugins: Sendable, Hashable {
        /// Plugin ids left out entirely: no services, no migrations. Default none. In files and the environment, a
        /// comma-separated list.
        public var disabled: [String]

        /// Creates plugin settings; every argument defaults to the documented default.
        public init(disabled: [String] = []) {
            self.disabled = disabled
        }
    }

    /// The working-day calendar that deadlines are counted in.
    public struct Calendar: Sendable, Hashable {
        /// Regional holidays observed besides the national ones: `flanders`, `french-community`,
        /// `german-community`, `brussels`, comma-separated. Default none.
        public var regions: String
        /// The city's own closing days: `MM-DD` every year or `YYYY-MM-DD` once, comma-separated, e.g.
        /// `11-02,12-26`. Default none.
        public var closingDays: String

        /// Creates calendar settings; every argument defaults to the documented default.
        public init(regions: String = "", closingDays: String = "") {
            self.regions = regions
            self.closingDays = closingDays
        }
    }

    /// Logging to standard error.
    public struct Log: Sendable, Hashable {
        /// How each log record is written.
        public enum Format: String, Sendable, Hashable, CaseIterable {
            /// One logfmt line per record (`ts=… level=info msg="…"`), easy to read and to grep.
            case text
            /// One JSON object per line, for log collectors.
            case json
        }

        /// The least severe level that is written. Default `.info`.
        public var level: Logger.Level
        /// The line format. Default `.text`.
        public var format: Format

        /// Creates log settings; every argument defaults to the documented default.
        public init(level: Logger.Level = .info, format: Format = .text) {
            self.level = level
            self.format = format
        }
    }

    /// Listening socket and limits.
    public var server: Server
    /// Transport security.
    public var tls: TLS
    /// Database connection.
    public var database: Database
    /// Plugins.
    public var plugins: Plugins
    /// The working-day calendar.
    public var calendar: Calendar
    /// Logging.
    public var log: Log

    /// Creates a configuration; with no arguments, every setting has its default.
    public init(
        server: Server = Server(), tls: TLS = TLS(), database: Database = Database(), plugins: Plugins = Plugins(),
        calendar: Calendar = Calendar(), log: Log = Log()
    ) {
        self.calendar = calendar
        self.server = server
        self.tls = tls
        self.database = database
        self.plugins = plugins
        self.log = log
    }
}
