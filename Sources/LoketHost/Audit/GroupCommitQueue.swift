/// Group commit as a value-type state machine: callers queue entries; one writer at a time writes a batch of
/// everything queued, and when it is done goes on with the entries queued meanwhile.
///
/// While nothing is being written, nothing is queued: a caller that finds the queue idle starts a writer with a
/// batch of its own entry at once, so a lone caller never waits for others.
struct GroupCommitQueue<Entry> {
    /// What the caller of ``enqueue(_:)`` or ``finished()`` must do next.
    enum Action {
        /// Nothing: a batch is being written, and the entry will be part of a later one.
        case wait
        /// Write `batch` (from ``enqueue(_:)``: start a writer for it; from ``finished()``: the writer goes on).
        case write(batch: [Entry])
    }

    /// The most entries one batch takes (a bound on the statement's size).
    let maxBatch: Int
    private(set) var queued: [Entry] = []
    private(set) var isWriting = false

    init(maxBatch: Int) {
        precondition(maxBatch > 0, "a batch holds at least one entry")
        self.maxBatch = maxBatch
    }

    /// Queues `entry`; returns `.write` with a batch of this entry when no batch is being written.
    mutating func enqueue(_ entry: Entry) -> Action {
        queued.append(entry)
        guard !isWriting else { return .wait }
        isWriting = true
        return .write(batch: takeBatch())
    }

    /// The batch being written is done (committed or failed); returns the next batch if entries were queued
    /// meanwhile, or `.wait` when the writer may stop.
    mutating func finished() -> Action {
        precondition(isWriting, "finished() without a batch being written")
        guard !queued.isEmpty else {
            isWriting = false
            return .wait
        }
        return .write(batch: takeBatch())
    }

    private mutating func takeBatch() -> [Entry] {
        let count = min(queued.count, maxBatch)
        let batch = Array(queued.prefix(count))
        queued.removeFirst(count)
        return batch
    }
}
