import CLibPQ
import Foundation

extension PostgresListener {
    /// How long the socket may stay silent before a `SELECT 1` checks that the server is still there (a dead
    /// peer on a network path sends no end-of-file).
    static let keepaliveMilliseconds: Int32 = 10_000

    /// The listener thread: connect, wait for the socket or a wake-up, read notifications, reconnect on loss.
    func run() {
        var connection: OpaquePointer?
        var connectedBefore = false
        var failures = 0
        while !isStopped {
            guard let live = connection else {
                do {
                    connection = try connectAndListen()
                    continuation.yield(.listening(afterReconnect: connectedBefore))
                    connectedBefore = true
                    failures = 0
                } catch {
                    failures += 1
                    let delay = min(100 << min(failures - 1, 5), 2_000)
                    logger.warning(
                        "listener cannot connect", metadata: ["error": "\(error)", "retry_ms": "\(delay)"])
                    _ = wakeup.wait(socket: nil, milliseconds: Int32(delay))
                }
                continue
            }
            let lost: Bool
            switch wakeup.wait(socket: PQsocket(live), milliseconds: Self.keepaliveMilliseconds) {
            case .woken: lost = !listenToPending(on: live)
            case .readable: lost = PQconsumeInput(live) == 0
            case .timedOut: lost = !execute("SELECT 1", on: live)
            }
            deliverNotifications(from: live)
            if lost || PQstatus(live) != CONNECTION_OK {
                logger.warning("listener lost its connection; reconnecting", metadata: [
                    "error": "\(LibPQ.errorMessage(live))"
                ])
                PQfinish(live)
                connection = nil
            }
        }
        if let connection { PQfinish(connection) }
        continuation.finish()
    }

    private func connectAndListen() throws -> OpaquePointer {
        let connection = try LibPQ.connect(configuration)
        notices.install(on: connection)
        let channels = state.withLock { state in
            state.pendingChannels = []
            return state.channels
        }
        for channel in channels where !execute(listenCommand(channel), on: connection) {
            let failure = LibPQError(LibPQ.errorMessage(connection))
            PQfinish(connection)
            throw StoreError(.connectionLost, cause: failure)
        }
        return connection
    }

    private func listenToPending(on connection: OpaquePointer) -> Bool {
        let channels = state.withLock { state in
            defer { state.pendingChannels = [] }
            return state.pendingChannels
        }
        return channels.allSatisfy { execute(listenCommand($0), on: connection) }
    }

    /// `LISTEN` takes no parameters; the channel is a quoted identifier, which cannot end early.
    private func listenCommand(_ channel: String) -> String {
        "LISTEN " + PostgresQuery.quotedIdentifier(channel)
    }

    private func execute(_ sql: String, on connection: OpaquePointer) -> Bool {
        guard let result = PQexec(connection, sql) else { return false }
        defer { PQclear(result) }
        return PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK
    }

    private func deliverNotifications(from connection: OpaquePointer) {
        while let pointer = PQnotifies(connection) {
            let notify = pointer.pointee
            let notification = PostgresNotification(
                channel: String(cString: notify.relname),
                payload: notify.extra.map { String(cString: $0) } ?? "",
                processID: notify.be_pid)
            PQfreemem(pointer)
            continuation.yield(.notification(notification))
        }
    }
}
