import Foundation

/// A serial executor with a thread of its own: an actor that uses it may block in libpq without taking a thread
/// from Swift's cooperative pool (two threads on a two-core machine) or from an event loop.
///
/// The thread starts with the first job and ends after ``shutdown()`` once its queue is empty; a job that still
/// arrives later starts a thread again, so no job is ever lost.
final class ThreadExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `threadRunning`, `shuttingDown` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var threadRunning = false
    private var shuttingDown = false
    private let name: String

    init(name: String) {
        self.name = name
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if threadRunning {
            condition.signal()
            condition.unlock()
        } else {
            threadRunning = true
            condition.unlock()
            startThread()
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread end once it has run every queued job.
    func shutdown() {
        condition.lock()
        shuttingDown = true
        condition.signal()
        condition.unlock()
    }

    private func startThread() {
        let thread = Thread { [self] in runJobs() }
        thread.name = name
        thread.start()
    }

    private func runJobs() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty {
                if shuttingDown {
                    threadRunning = false
                    condition.unlock()
                    return
                }
                condition.wait()
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
