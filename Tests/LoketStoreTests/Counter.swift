/// Counts events by name across tasks.
actor Counter {
    private var counts: [String: Int] = [:]

    @discardableResult
    func increment(_ name: String) -> Int {
        counts[name, default: 0] += 1
        return counts[name]!
    }

    func value(_ name: String) -> Int { counts[name] ?? 0 }
}
