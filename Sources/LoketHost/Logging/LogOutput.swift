#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where log lines go: standard error, or a closure (in tests).
///
/// One instance is shared by every copy of a handler. It holds a lock while writing, so that lines
/// from concurrent records never interleave, and hands each line to the destination in one piece.
public final class LogOutput: Sendable {
    private let sink: Mutex<@Sendable (String) -> Void>

    /// Standard error, each line written with a single write(2) call.
    public static let standardError = LogOutput { line in writeWhole(line, to: STDERR_FILENO) }

    /// An output that passes each complete line, including its final newline, to `sink`.
    ///
    /// Calls to `sink` never overlap.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = Mutex(sink)
    }

    /// Writes one line; `line` must end with a newline.
    public func write(_ line: String) {
        sink.withLock { sink in sink(line) }
    }
}

private func writeWhole(_ line: String, to descriptor: Int32) {
    var line = line
    line.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        // A pipe may accept less than everything; the rest follows in further calls, still under the lock.
        while offset < bytes.count {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return  // Standard error is gone: there is nowhere left to report that.
            }
            offset += written
        }
    }
}
