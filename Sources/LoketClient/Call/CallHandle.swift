import LoketRPC
import Synchronization

/// The meeting point of the caller's task, the connection's event loop, the deadline timer and task cancellation:
/// whichever ends the call first decides its outcome, exactly once.
final class CallHandle: Sendable {
    typealias Outcome = Result<RawResponse, RPCError>

    private struct State {
        var continuation: CheckedContinuation<Outcome, Never>?
        var outcome: Outcome?
        /// Resets the call's stream on its event loop; set once the request was handed to a connection.
        var resetStream: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Parks the caller until the call ends; resumes at once when it ended already (cancelled, deadline passed).
    func wait(_ continuation: CheckedContinuation<Outcome, Never>) {
        let ended: Outcome? = state.withLock { state in
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let ended { continuation.resume(returning: ended) }
    }

    /// Records how to reset the stream the call now runs on; false when the call already ended, in which case
    /// the stream must not be opened (or must be reset right away).
    func attach(resetStream: @escaping @Sendable () -> Void) -> Bool {
        state.withLock { state in
            guard state.outcome == nil else { return false }
            state.resetStream = resetStream
            return true
        }
    }

    /// Whether the outcome is decided.
    var isFinished: Bool { state.withLock { $0.outcome != nil } }

    /// Ends the call unless it ended already. `resetStream` is for ends decided outside the stream (caller
    /// cancelled, deadline): the server is told with RST_STREAM(CANCEL).
    func finish(_ outcome: Outcome, resetStream: Bool) {
        let (continuation, reset): (CheckedContinuation<Outcome, Never>?, (@Sendable () -> Void)?) =
            state.withLock { state in
                guard state.outcome == nil else { return (nil, nil) }
                state.outcome = outcome
                defer {
                    state.continuation = nil
                    state.resetStream = nil
                }
                return (state.continuation, resetStream ? state.resetStream : nil)
            }
        continuation?.resume(returning: outcome)
        reset?()
    }
}
