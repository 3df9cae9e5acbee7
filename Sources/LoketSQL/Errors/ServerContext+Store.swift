import LoketRPC

extension ServerContext {
    /// The time left until the call's deadline, to pass to the store as a statement timeout so that PostgreSQL
    /// stops working for a client that has given up; nil when the call has no deadline.
    public var storeTimeout: Duration? {
        deadline.map { $0 - .now }
    }
}
