import CLibPQ
import Foundation
import Synchronization

/// Cancels the statement a connection is running, from any thread, through libpq's cancel object (which opens a
/// separate connection to the server and is safe to use while the owning connection is busy).
final class QueryCanceller: Sendable {
    /// libpq documents `PQcancel` as thread-safe on a `PGcancel` that no one frees meanwhile; the mutex ensures
    /// the latter.
    private struct Token: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private struct State {
        var token: Token?
        var requested = false
    }

    private let state = Mutex(State())

    /// Replaces the cancel object after a (re)connect; frees the old one.
    func replace(with pointer: OpaquePointer?) {
        let old = state.withLock { state in
            let old = state.token
            state.token = pointer.map(Token.init)
            return old
        }
        if let old { PQfreeCancel(old.pointer) }
    }

    /// Forgets a cancellation aimed at an earlier statement.
    func beginStatement() {
        state.withLock { $0.requested = false }
    }

    /// Whether ``cancel()`` was called since the current statement began: its 57014 is a cancellation, not a
    /// statement timeout.
    var wasRequested: Bool { state.withLock { $0.requested } }

    /// Asks the server to cancel the running statement. `PQcancel` connects to the server and waits, so it runs on
    /// a thread of its own rather than on whichever thread cancelled the task.
    func cancel() {
        state.withLock { $0.requested = true }
        Thread.detachNewThread { [self] in
            state.withLock { state in
                guard let token = state.token else { return }
                var message = [CChar](repeating: 0, count: 256)
                _ = PQcancel(token.pointer, &message, Int32(message.count))
            }
        }
    }

    deinit {
        state.withLock { state in
            if let token = state.token { PQfreeCancel(token.pointer) }
        }
    }
}
