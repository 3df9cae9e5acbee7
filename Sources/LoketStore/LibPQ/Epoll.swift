#if os(Linux)
import Glibc

/// Linux's epoll, which Glibc's Swift module does not import: the three functions are looked up in the C
/// library at run time and called through C function pointers, and events are read from raw bytes because
/// `struct epoll_event` is packed on x86-64 (12 bytes) and padded elsewhere (16 bytes).
///
/// Used by ``PostgresPoller`` because `poll` registers and unregisters every socket on every call, which costs
/// more than the read it waits for once a pool has a few connections.
struct Epoll: ~Copyable {
    /// `EPOLLIN`, `EPOLLOUT`, `EPOLLERR`, `EPOLLHUP`: the Linux ABI values.
    static let readable: UInt32 = 0x001
    static let writable: UInt32 = 0x004
    static let error: UInt32 = 0x008
    static let hangUp: UInt32 = 0x010
    /// `EPOLL_CTL_ADD`, `EPOLL_CTL_DEL`, `EPOLL_CTL_MOD`.
    static let add: Int32 = 1
    static let delete: Int32 = 2
    static let modify: Int32 = 3

    private typealias Create = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

    private struct Functions: @unchecked Sendable {
        // @unchecked: C function pointers into libc, immutable once looked up.
        let create: Create
        let control: Control
        let wait: Wait
    }

    private static let functions: Functions = {
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
                fatalError("\(name) is missing from the C library")
            }
            return unsafeBitCast(address, to: type)
        }
        return Functions(
            create: symbol("epoll_create1", as: Create.self), control: symbol("epoll_ctl", as: Control.self),
            wait: symbol("epoll_wait", as: Wait.self))
    }()

    #if arch(x86_64)
    static let eventSize = 12
    private static let dataOffset = 4
    #else
    static let eventSize = 16
    private static let dataOffset = 8
    #endif

    let descriptor: Int32

    init() {
        // EPOLL_CLOEXEC is O_CLOEXEC, so that processes Loket starts do not inherit the set.
        descriptor = Self.functions.create(Int32(O_CLOEXEC))
        precondition(descriptor >= 0, "epoll_create1 failed: errno \(errno)")
    }

    deinit {
        close(descriptor)
    }

    /// Adds, modifies or deletes `socket` with `events` and `token` (returned with its events).
    @discardableResult
    func control(_ operation: Int32, socket: Int32, events: UInt32, token: UInt64) -> Int32 {
        withUnsafeTemporaryAllocation(byteCount: Self.eventSize, alignment: 8) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            buffer.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            buffer.storeBytes(of: token, toByteOffset: Self.dataOffset, as: UInt64.self)
            return Self.functions.control(descriptor, operation, socket, buffer.baseAddress)
        }
    }

    /// Waits for events into `buffer` (room for `capacity` events); returns how many arrived (-1 on EINTR).
    func wait(into buffer: UnsafeMutableRawPointer, capacity: Int, milliseconds: Int32) -> Int {
        Int(Self.functions.wait(descriptor, buffer, Int32(capacity), milliseconds))
    }

    /// The events and token of event `index` in a buffer filled by ``wait(into:capacity:milliseconds:)``.
    static func event(at index: Int, in buffer: UnsafeMutableRawPointer) -> (events: UInt32, token: UInt64) {
        let base = buffer + index * eventSize
        return (
            base.loadUnaligned(fromByteOffset: 0, as: UInt32.self),
            base.loadUnaligned(fromByteOffset: dataOffset, as: UInt64.self)
        )
    }
}
#else
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where there is no epoll (macOS, for development): the same interface over `poll`. Registrations live in a
/// table that every wait copies, and a pipe interrupts a wait when they change.
struct Epoll: ~Copyable {
    static let readable: UInt32 = 0x001
    static let writable: UInt32 = 0x004
    static let error: UInt32 = 0x008
    static let hangUp: UInt32 = 0x010
    static let add: Int32 = 1
    static let delete: Int32 = 2
    static let modify: Int32 = 3
    static let eventSize = 16

    private struct Entry {
        var events: UInt32
        var token: UInt64
    }

    private let table = Mutex<[Int32: Entry]>([:])
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        precondition(pipe(&descriptors) == 0, "cannot create a pipe: errno \(errno)")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }
        readEnd = descriptors[0]
        writeEnd = descriptors[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Adds, modifies or deletes `socket` with `events` and `token`; a wait in progress starts again.
    @discardableResult
    func control(_ operation: Int32, socket: Int32, events: UInt32, token: UInt64) -> Int32 {
        table.withLock { table in
            table[socket] = operation == Self.delete ? nil : Entry(events: events, token: token)
        }
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
        return 0
    }

    /// Waits for events into `buffer` (room for `capacity` events); returns how many arrived.
    func wait(into buffer: UnsafeMutableRawPointer, capacity: Int, milliseconds: Int32) -> Int {
        let entries = table.withLock { table in table.map { ($0.key, $0.value) } }
        var descriptors = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        for (socket, entry) in entries {
            let events = (entry.events & Self.readable != 0 ? Int16(POLLIN) : 0)
                | (entry.events & Self.writable != 0 ? Int16(POLLOUT) : 0)
            descriptors.append(pollfd(fd: socket, events: events, revents: 0))
        }
        guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { return 0 }
        if descriptors[0].revents != 0 {
            var drained = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &drained, drained.count) > 0 {}
        }
        var count = 0
        for (index, (_, entry)) in entries.enumerated() where count < capacity {
            let revents = descriptors[index + 1].revents
            guard revents != 0 else { continue }
            var events: UInt32 = 0
            if revents & Int16(POLLIN) != 0 { events |= Self.readable }
            if revents & Int16(POLLOUT) != 0 { events |= Self.writable }
            if revents & Int16(POLLERR | POLLNVAL) != 0 { events |= Self.error }
            if revents & Int16(POLLHUP) != 0 { events |= Self.hangUp }
            buffer.storeBytes(of: events, toByteOffset: count * Self.eventSize, as: UInt32.self)
            buffer.storeBytes(of: entry.token, toByteOffset: count * Self.eventSize + 8, as: UInt64.self)
            count += 1
        }
        return count
    }

    /// The events and token of event `index` in a buffer filled by ``wait(into:capacity:milliseconds:)``.
    static func event(at index: Int, in buffer: UnsafeMutableRawPointer) -> (events: UInt32, token: UInt64) {
        let base = buffer + index * eventSize
        return (base.load(as: UInt32.self), base.load(fromByteOffset: 8, as: UInt64.self))
    }
}
#endif
