import Synchronization

/// The serving status of every service the server reports on, shared by the host (which sets it) and the health
/// service (which reads and watches it).
///
/// The empty service name stands for the whole server. A name that was never given a status is unknown: `Check`
/// answers NOT_FOUND for it and `Watch` reports `SERVICE_UNKNOWN` until it gets one.
public final class HealthStatusBoard: Sendable {
    /// A status as the health protocol reports it.
    public typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct Watcher {
        let service: String
        let continuation: AsyncStream<Status>.Continuation
    }

    private struct State {
        var statuses: [String: Status]
        var watchers: [Int: Watcher] = [:]
        var nextWatcherID = 0
    }

    private let state: Mutex<State>

    /// Creates a board; by default the whole server (`""`) is SERVING and no service is known yet.
    public init(statuses: [String: Status] = ["": .serving]) {
        state = Mutex(State(statuses: statuses))
    }

    /// Sets the status of `service` (`""` for the whole server) and tells its watchers when it changed.
    public func setStatus(_ status: Status, forService service: String) {
        state.withLock { state in
            guard state.statuses[service] != status else { return }
            state.statuses[service] = status
            Self.notify(&state, service: service, status: status)
        }
    }

    /// Sets every known service, including the whole server, to NOT_SERVING, so that load balancers and probes stop
    /// sending calls before the server goes away.
    public func markAllNotServing() {
        state.withLock { state in
            var names = Array(state.statuses.keys)
            if state.statuses[""] == nil { names.append("") }
            for name in names where state.statuses[name] != .notServing {
                state.statuses[name] = .notServing
                Self.notify(&state, service: name, status: .notServing)
            }
        }
    }

    /// The status of `service`, or nil when it has none.
    public func status(forService service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// The status of every known service.
    public var allStatuses: [String: Status] {
        state.withLock { $0.statuses }
    }

    /// The current status of `service` at once (`SERVICE_UNKNOWN` when it has none), then each new one.
    ///
    /// Only the newest pending status is kept for a slow reader: a watcher wants the present state, not the history.
    /// The stream never finishes by itself; the watcher is dropped when its reader is cancelled or lets go of it.
    public func updates(forService service: String) -> AsyncStream<Status> {
        let (stream, continuation) = AsyncStream.makeStream(of: Status.self, bufferingPolicy: .bufferingNewest(1))
        // Registering and yielding the current status under one lock means no change can slip in between.
        let id = state.withLock { state in
            let id = state.nextWatcherID
            state.nextWatcherID += 1
            state.watchers[id] = Watcher(service: service, continuation: continuation)
            continuation.yield(state.statuses[service] ?? .serviceUnknown)
            return id
        }
        // Nobody reads the stream before it is returned, so it cannot have terminated yet.
        continuation.onTermination = { [weak self] _ in
            self?.removeWatcher(id)
        }
        return stream
    }

    /// The number of open watch streams; tests use it to prove that watchers do not leak.
    package var watcherCount: Int {
        state.withLock { $0.watchers.count }
    }

    private func removeWatcher(_ id: Int) {
        state.withLock { _ = $0.watchers.removeValue(forKey: id) }
    }

    private static func notify(_ state: inout State, service: String, status: Status) {
        for watcher in state.watchers.values where watcher.service == service {
            watcher.continuation.yield(status)
        }
    }
}
