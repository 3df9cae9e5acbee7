/// How a `GRPCServer` listens and what it accepts.
public struct GRPCServerConfiguration: Sendable {
    /// The address to bind.
    public var host: String
    /// The TCP port; 0 picks a free one (see `GRPCServer.localPort`).
    public var port: Int
    /// NIO event loops; 0 means one per core.
    public var eventLoopThreads: Int
    /// Pins event loop *i* to the *i*-th CPU the process may use, so that a loop's thread never migrates (for
    /// machines given to the server, and measurements). Default false.
    public var pinThreads: Bool
    /// How long an event loop that serves a single connection keeps polling after a read before it sleeps, so
    /// that a client calling one method after another finds it awake (instead of waking it, which on a virtual
    /// machine costs about as much as a call); zero turns it off. Default 30 microseconds.
    public var idlePollWindow: Duration
    /// The largest request or response message, also after decompression.
    public var maxMessageBytes: Int
    /// The largest request header block (names and values plus 32 bytes per field, as HTTP/2 counts it).
    public var maxHeaderListBytes: Int
    /// How long in-flight calls may finish after shutdown starts.
    public var gracePeriod: Duration
    /// TLS settings; nil serves cleartext HTTP/2 (prior knowledge).
    public var tls: TLSSettings?
    /// HTTP/2 settings and flood protection.
    var http2: NGHTTP2Session.Limits

    /// Creates a configuration; defaults suit a production server.
    public init(
        host: String = "127.0.0.1", port: Int = 50051, eventLoopThreads: Int = 0, maxMessageBytes: Int = 4 << 20,
        maxHeaderListBytes: Int = 16 << 10, gracePeriod: Duration = .seconds(30), maxConcurrentStreams: Int = 100,
        tls: TLSSettings? = nil, pinThreads: Bool = false, idlePollWindow: Duration = .microseconds(30)
    ) {
        self.tls = tls
        self.pinThreads = pinThreads
        self.idlePollWindow = idlePollWindow
        self.host = host
        self.port = port
        self.eventLoopThreads = eventLoopThreads
        self.maxMessageBytes = maxMessageBytes
        self.maxHeaderListBytes = maxHeaderListBytes
        self.gracePeriod = gracePeriod
        self.http2 = NGHTTP2Session.Limits()
        self.http2.maxConcurrentStreams = UInt32(maxConcurrentStreams)
        self.http2.maxHeaderListSize = UInt32(maxHeaderListBytes)
    }
}
