#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Keeps one event loop polling for a moment after a read while it serves a single connection (see
/// ``IdlePolling`` for when and why).
///
/// A poll is a task on the loop: while the loop has a task queued, NIO asks the kernel for ready sockets without
/// waiting, so each poll is one non-blocking `epoll_wait`. Only the loop's own thread touches the state.
struct IdlePoller: Sendable {
    let eventLoop: any EventLoop
    private let state: NIOLoopBoundBox<IdlePolling>

    /// A poller for `eventLoop` that polls for `window` after each read; nil when `window` is under a nanosecond.
    init?(eventLoop: any EventLoop, window: Duration) {
        let nanoseconds = window.wholeNanoseconds
        guard nanoseconds > 0 else { return nil }
        self.eventLoop = eventLoop
        self.state = .makeBoxSendingValue(IdlePolling(windowNanoseconds: UInt64(nanoseconds)), eventLoop: eventLoop)
    }

    /// `connection` finished a read (its `channelReadComplete`); on the loop.
    func read(by connection: ObjectIdentifier) {
        perform(state.value.read(by: connection, at: Self.now()))
    }

    /// Whether the loop is polling now; on the loop.
    var isPolling: Bool { state.value.isPolling }

    private func poll() {
        perform(state.value.poll(at: Self.now()))
    }

    private func perform(_ action: IdlePolling.Action) {
        switch action {
        case .none:
            return
        case .startPolling:
            eventLoop.execute { self.poll() }
        case .pollAgain(let yield):
            if yield { sched_yield() }
            eventLoop.execute { self.poll() }
        }
    }

    private static func now() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }
}
