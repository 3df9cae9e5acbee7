import Testing

@testable import LoketStore

@Suite("session statement timeouts")
struct SessionTimeoutTests {
    @Test("a statement's timeout is rounded up to 1, 2 or 5 times a power of ten milliseconds, never down")
    func rounding() {
        let cases: [(Duration, Int)] = [
            (.microseconds(1), 1), (.milliseconds(1), 1), (.microseconds(1_001), 2), (.milliseconds(3), 5),
            (.milliseconds(5), 5), (.milliseconds(6), 10), (.milliseconds(101), 200), (.milliseconds(250), 500),
            (.milliseconds(999), 1_000), (.seconds(4.2), 5_000), (.seconds(9.7), 10_000), (.seconds(10), 10_000),
            (.seconds(11), 20_000), (.seconds(3_600), 5_000_000),
        ]
        for (timeout, expected) in cases {
            #expect(PostgresConnection.sessionMilliseconds(timeout) == expected, "\(timeout)")
            #expect(PostgresConnection.sessionMilliseconds(timeout) >= PostgresConnection.milliseconds(timeout))
        }
    }
}
