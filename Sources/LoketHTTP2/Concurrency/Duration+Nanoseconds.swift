extension Duration {
    /// The duration in whole nanoseconds (sub-nanosecond parts dropped), as NIO's `TimeAmount` and the clocks
    /// below it count. Traps past Int64's range (about 292 years); callers bound what they convert.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
