import Foundation

/// Runs a blocking libpq call (connecting, resetting a lost connection) on a thread of its own and lets the
/// caller await it, so that neither the cooperative pool nor an event loop ever waits in libpq.
///
/// A thread per call costs tens of microseconds, which is nothing next to opening a connection; statements never
/// come here (they use the non-blocking API through ``PostgresPoller``).
enum BlockingCall {
    /// Runs `work` on a new thread and returns what it returned.
    static func run<Value: Sendable, Failure: Error>(
        name: String, _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let outcome: Result<Value, Failure> = await withUnsafeContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(Failure) -> Value in try work() })
            }
            thread.name = name
            thread.start()
        }
        return try outcome.get()
    }
}
