/// How often and how patiently a transaction is run again after a serialization failure or deadlock.
///
/// The wait doubles from `initialBackoff` up to `maximumBackoff`, with random jitter so that the transactions
/// that collided do not collide again in step.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    /// The wait before the second attempt.
    public var initialBackoff: Duration
    /// The longest wait between attempts.
    public var maximumBackoff: Duration

    /// Creates a policy.
    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(5),
                maximumBackoff: Duration = .milliseconds(250)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The wait before attempt `attempt` (2 for the first retry): the capped exponential step, jittered between
    /// half of it and all of it.
    package func backoff(beforeAttempt attempt: Int) -> Duration {
        let doublings = min(max(attempt - 2, 0), 30)
        let step = min(initialBackoff * (1 << doublings), maximumBackoff)
        return step * Double.random(in: 0.5...1.0)
    }
}
