import NIOCore
import Synchronization

/// The open connections of a server, so that shutdown can reach each one on its own event loop.
final class ConnectionRegistry: Sendable {
    private struct Entry: @unchecked Sendable {
        // Only touched on `eventLoop`, enforced by NIOLoopBound.
        let connection: NIOLoopBound<GRPCConnection>
        let eventLoop: any EventLoop
    }

    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    func add(_ connection: GRPCConnection) {
        let entry = Entry(connection: NIOLoopBound(connection, eventLoop: connection.eventLoop), eventLoop: connection.eventLoop)
        entries.withLock { $0[ObjectIdentifier(connection)] = entry }
    }

    func remove(_ connection: GRPCConnection) {
        _ = entries.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var count: Int { entries.withLock { $0.count } }

    /// Starts a graceful shutdown on every open connection.
    func shutDownAll(gracePeriod: TimeAmount) {
        for entry in entries.withLock({ Array($0.values) }) {
            entry.eventLoop.execute { entry.connection.value.beginGracefulShutdown(gracePeriod: gracePeriod) }
        }
    }
}
