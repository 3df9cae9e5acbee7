import NIOCore
import NIOPosix
import Testing

@testable import LoketHTTP2

@Suite("polling after reads, without a loop")
struct IdlePollingTests {
    private final class Connection {}
    // Kept alive, so that the two identifiers differ.
    private let connections = (Connection(), Connection())
    private var first: ObjectIdentifier { ObjectIdentifier(connections.0) }
    private var second: ObjectIdentifier { ObjectIdentifier(connections.1) }
    private let window: UInt64 = 30_000

    @Test("a read by the only connection starts polling, which goes on until the window after the last read ends")
    func pollsUntilTheWindowEnds() {
        var polling = IdlePolling(windowNanoseconds: window)
        #expect(polling.read(by: first, at: 1_000) == .startPolling)
        // The first poll after a read does not yield: the loop just did work.
        #expect(polling.poll(at: 2_000) == .pollAgain(yield: false))
        #expect(polling.poll(at: 3_000) == .pollAgain(yield: true))
        // Another read extends the window without scheduling a second chain of polls.
        #expect(polling.read(by: first, at: 20_000) == .none)
        #expect(polling.poll(at: 40_000) == .pollAgain(yield: false))
        #expect(polling.poll(at: 49_999) == .pollAgain(yield: true))
        #expect(polling.poll(at: 50_000) == .none)
        // Stopped: a stray poll does nothing, the next read starts again.
        #expect(polling.poll(at: 50_001) == .none)
        #expect(polling.read(by: first, at: 60_000) == .startPolling)
    }

    @Test("a second connection reading within the observation span stops polling until a span passes with one")
    func aSecondConnectionStopsPolling() {
        var polling = IdlePolling(windowNanoseconds: window)
        #expect(polling.read(by: first, at: 0) == .startPolling)
        #expect(polling.read(by: second, at: 5_000) == .none)
        #expect(polling.poll(at: 6_000) == .none)
        #expect(polling.read(by: first, at: 7_000) == .none)
        #expect(polling.read(by: first, at: IdlePolling.observationNanoseconds - 1) == .none)
        // A new span: the first connection alone again.
        #expect(polling.read(by: first, at: IdlePolling.observationNanoseconds) == .startPolling)
        #expect(polling.poll(at: IdlePolling.observationNanoseconds + 1_000) == .pollAgain(yield: false))
    }

    @Test("a window of zero never polls")
    func zeroWindowIsOff() {
        var polling = IdlePolling(windowNanoseconds: 0)
        #expect(polling.read(by: first, at: 1_000) == .none)
        #expect(polling.poll(at: 2_000) == .none)
    }
}

@Suite("polling after reads, on an event loop")
struct IdlePollerTests {
    private final class Connection: Sendable {}

    @Test("a read starts polling on the loop, and the loop stops polling by itself once the window has passed")
    func pollingStopsByItself() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let poller = try #require(IdlePoller(eventLoop: loop, window: .microseconds(200)))
        let connection = Connection()
        let started = try await loop.submit {
            poller.read(by: ObjectIdentifier(connection))
            return poller.isPolling
        }.get()
        #expect(started)
        try await Task.sleep(for: .milliseconds(50))
        #expect(try await loop.submit { poller.isPolling }.get() == false)
        try await group.shutdownGracefully()
    }

    @Test("a window of zero makes no poller")
    func zeroWindowMakesNoPoller() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        #expect(IdlePoller(eventLoop: group.next(), window: .zero) == nil)
        try await group.shutdownGracefully()
    }
}
