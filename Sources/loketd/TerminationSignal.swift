import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Catches SIGINT and SIGTERM so that `loketd` can shut down in order instead of being killed.
///
/// Signals are caught from creation on, so create it before announcing that the process is ready.
final class TerminationSignal {
    private let queue = DispatchQueue(label: "loketd.signals")
    private var sources: [any DispatchSourceSignal] = []
    private let received: AsyncStream<String>

    init() {
        let (received, continuation) = AsyncStream.makeStream(of: String.self)
        self.received = received
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // Without this the default action ends the process before the dispatch source sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Suspends until SIGINT or SIGTERM arrives and returns its name.
    func wait() async -> String {
        var iterator = received.makeAsyncIterator()
        let name = await iterator.next() ?? "SIGTERM"
        for source in sources { source.cancel() }
        return name
    }
}
