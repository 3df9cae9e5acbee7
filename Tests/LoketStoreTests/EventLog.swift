import LoketStore

/// Collects a listener's events in the background, so that tests can wait for one with a bounded wait.
actor EventLog {
    private(set) var events: [PostgresListener.Event] = []

    func append(_ event: PostgresListener.Event) { events.append(event) }

    static func collecting(_ listener: PostgresListener) -> (EventLog, Task<Void, Never>) {
        let log = EventLog()
        let task = Task {
            for await event in listener.events { await log.append(event) }
        }
        return (log, task)
    }

    func notifications(on channel: String) -> [PostgresNotification] {
        events.compactMap { event in
            if case .notification(let notification) = event, notification.channel == channel { return notification }
            return nil
        }
    }

    func listeningCount(afterReconnect: Bool) -> Int {
        events.filter { $0 == .listening(afterReconnect: afterReconnect) }.count
    }
}
