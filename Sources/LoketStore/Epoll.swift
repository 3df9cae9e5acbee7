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
#endif
