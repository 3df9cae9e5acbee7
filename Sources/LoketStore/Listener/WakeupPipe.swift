import Foundation

/// A pipe that lets other threads interrupt a thread blocked in `poll` on a socket.
final class WakeupPipe: Sendable {
    /// Why ``wait(socket:milliseconds:)`` returned.
    enum Outcome {
        case woken
        case readable
        case timedOut
    }

    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        let created = pipe(&descriptors)
        precondition(created == 0, "cannot create a pipe: errno \(errno)")
        // Close-on-exec, so that processes Loket starts (and daemons they start) do not keep the pipe open.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Wakes the waiting thread (or makes its next wait return at once).
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Waits until signalled, the socket is readable, or the time passes; a signal is consumed.
    func wait(socket: Int32?, milliseconds: Int32) -> Outcome {
        var descriptors = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let socket { descriptors.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        guard ready > 0 else { return .timedOut }
        if descriptors[0].revents != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            _ = read(readEnd, &buffer, buffer.count)
            return .woken
        }
        return .readable
    }
}
