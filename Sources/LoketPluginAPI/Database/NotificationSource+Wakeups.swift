extension NotificationSource {
    /// Runs `body` with a stream of wake-ups: one for every notification on `channel` and one every `interval`
    /// (for a notification that was lost), coalesced, so that a wake-up not yet taken absorbs later ones.
    ///
    /// The subscription starts before `body` does, so a change committed after `body`'s first read wakes it. The
    /// stream's iterator returns nil when the calling task is cancelled (the client went away); the wake-ups stop
    /// when `body` returns. The pattern of a server-streaming feed: read, send, wait for the next wake-up.
    public func withWakeups(
        channel: String, every interval: Duration, _ body: (AsyncStream<Void>) async throws -> Void
    ) async throws {
        let notifications = notifications(channel: channel)
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in notifications { wake.yield() }
            }
            group.addTask {
                while true {
                    try await Task.sleep(for: interval)
                    wake.yield()
                }
            }
            defer { group.cancelAll() }
            try await body(wakeups)
        }
    }
}
