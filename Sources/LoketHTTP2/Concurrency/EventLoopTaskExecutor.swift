import NIOCore

/// Runs Swift tasks on a NIO event loop, so that a call's handler runs on its connection's loop and a unary call
/// costs no thread hop.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // An EventLoop is thread-safe to enqueue on; the class holds nothing else.
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
