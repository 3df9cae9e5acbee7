/// Database notifications for plugin code: what ``Transaction/notify(channel:payload:)`` sent, delivered once the
/// sending transaction committed, from any `loketd` that shares the database.
///
/// A notification is a wake-up, not a record: one sent while the host's listening connection was down is lost.
/// Code that must not miss a change keeps the change in a table written in the same transaction (an outbox),
/// reads that table when woken, and reads it on a timer as well.
public protocol NotificationSource: Sendable {
    /// The payloads of the notifications on `channel` sent from about now on, in order. The host starts
    /// listening on the channel at the first subscription, so a notification sent in the first moments may be
    /// missed. After the host's connection was lost and restored, the stream yields an empty payload: whatever
    /// was sent meanwhile is gone, so read again. The stream ends when the server shuts down; stop iterating
    /// (or cancel the task) to unsubscribe.
    func notifications(channel: String) -> AsyncStream<String>
}

/// A source that never delivers anything: for plugin contexts without a database listener (unit tests). Its
/// streams end only when their consumer stops.
public struct SilentNotificationSource: NotificationSource {
    /// Creates the source.
    public init() {}

    public func notifications(channel: String) -> AsyncStream<String> {
        AsyncStream { _ in }
    }
}
