import Synchronization

/// What a connection's owner may read without waiting for the connection's thread: whether it is broken and
/// whether a transaction is open on it. Updated by the connection after every statement.
final class ConnectionSignals: Sendable {
    private let broken = Atomic<Bool>(false)
    private let inTransaction = Atomic<Bool>(false)

    /// The connection is gone and could not be reopened; the pool replaces it.
    var isBroken: Bool {
        get { broken.load(ordering: .acquiring) }
        set { broken.store(newValue, ordering: .releasing) }
    }

    /// A transaction block is open (or failed and not yet rolled back).
    var isInTransaction: Bool {
        get { inTransaction.load(ordering: .acquiring) }
        set { inTransaction.store(newValue, ordering: .releasing) }
    }
}
