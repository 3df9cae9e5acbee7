import Testing

@testable import LoketHost

@Suite("Group commit queue")
struct GroupCommitQueueTests {
    @Test("a caller that finds the queue idle writes its own entry at once")
    func idleCallerLeads() {
        var queue = GroupCommitQueue<Int>(maxBatch: 10)
        guard case .write(let batch) = queue.enqueue(1) else {
            Issue.record("an idle queue must hand out a batch")
            return
        }
        #expect(batch == [1])
        #expect(queue.isWriting)
        #expect(queue.queued.isEmpty)
    }

    @Test("callers arriving during a write wait, and the writer then takes all of them as the next batch")
    func laterCallersShareTheNextBatch() {
        var queue = GroupCommitQueue<Int>(maxBatch: 10)
        _ = queue.enqueue(1)
        for entry in 2...5 {
            guard case .wait = queue.enqueue(entry) else {
                Issue.record("entry \(entry) must wait while a batch is written")
                return
            }
        }
        guard case .write(let next) = queue.finished() else {
            Issue.record("the queued entries must form the next batch")
            return
        }
        #expect(next == [2, 3, 4, 5])
        #expect(queue.isWriting)
        guard case .wait = queue.finished() else {
            Issue.record("nothing is left to write")
            return
        }
        #expect(!queue.isWriting)
        guard case .write(let alone) = queue.enqueue(6) else {
            Issue.record("an idle queue must hand out a batch again")
            return
        }
        #expect(alone == [6])
    }

    @Test("a batch takes at most maxBatch entries, in arrival order; the rest follow in the next")
    func batchesAreBounded() {
        var queue = GroupCommitQueue<Int>(maxBatch: 3)
        _ = queue.enqueue(0)
        for entry in 1...7 { _ = queue.enqueue(entry) }
        var batches: [[Int]] = []
        while case .write(let batch) = queue.finished() { batches.append(batch) }
        #expect(batches == [[1, 2, 3], [4, 5, 6], [7]])
        #expect(!queue.isWriting)
        #expect(queue.queued.isEmpty)
    }
}
