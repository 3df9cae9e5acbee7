import CLibPQ
import Logging

/// Sends the server's notices and warnings (`relation already exists, skipping`, the FATAL a shutting-down server
/// sends to idle connections) to the log instead of libpq's default, stderr.
final class NoticeLogger: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Installs the receiver; this object must outlive the connection (the connection's owner keeps it).
    func install(on connection: OpaquePointer) {
        PQsetNoticeReceiver(connection, { context, result in
            guard let context, let result else { return }
            let sink = Unmanaged<NoticeLogger>.fromOpaque(context).takeUnretainedValue()
            let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))).map { String(cString: $0) } ?? ""
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? ""
            sink.logger.debug("postgres notice", metadata: ["severity": "\(severity)", "notice": "\(message)"])
        }, Unmanaged.passUnretained(self).toOpaque())
    }
}
