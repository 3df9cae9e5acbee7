/// Writes the `grpc-timeout` header: at most 8 digits and a unit.
enum GRPCTimeoutEncoding {
    /// The finest unit whose value fits in 8 digits, rounded up so that the server's deadline is never earlier
    /// than ours. Timeouts beyond 99,999,999 hours are sent as that.
    static func encode(nanoseconds: Int64) -> String {
        let value = max(nanoseconds, 1)
        let units: [(divisor: Int64, unit: Character)] = [
            (1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"),
            (3_600_000_000_000, "H"),
        ]
        for (divisor, unit) in units {
            let amount = (value + divisor - 1) / divisor
            if amount <= 99_999_999 { return "\(amount)\(unit)" }
        }
        return "99999999H"
    }
}
