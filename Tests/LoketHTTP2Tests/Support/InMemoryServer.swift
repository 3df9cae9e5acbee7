import Logging
import LoketRPC
import NIOCore
import NIOEmbedded

@testable import LoketHTTP2

/// A `GRPCConnection` on an `NIOAsyncTestingChannel`, talked to by an in-memory nghttp2 client: the whole server
/// path, no sockets.
struct InMemoryServer {
    let channel: NIOAsyncTestingChannel
    let client = H2TestClient()

    init(router: RPCRouter, configuration: GRPCServerConfiguration = .init()) async throws {
        let loop = NIOAsyncTestingEventLoop()
        channel = NIOAsyncTestingChannel(loop: loop)
        let channel = channel
        try await loop.executeInContext {
            let connection = GRPCConnection(
                configuration: configuration, router: router, logger: Logger(label: "test"), eventLoop: loop,
                taskExecutor: EventLoopTaskExecutor(loop), registry: ConnectionRegistry())
            try channel.pipeline.syncOperations.addHandler(connection)
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
    }

    /// Exchanges bytes until `done` holds or `rounds` pass; lets handler tasks run in between.
    func pump(rounds: Int = 200, clientReads: Bool = true, until done: () -> Bool = { false }) async throws {
        for _ in 0..<rounds {
            let output = client.output()
            if !output.isEmpty {
                var buffer = channel.allocator.buffer(capacity: output.count)
                buffer.writeBytes(output)
                try await channel.writeInbound(buffer)
            }
            await channel.testingEventLoop.run()
            while clientReads, let buffer = try await channel.readOutbound(as: ByteBuffer.self) {
                client.input(Array(buffer.readableBytesView))
            }
            if done() { return }
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Pumps until `stream` is closed.
    func waitForClose(_ stream: Int32) async throws -> H2TestClient.Response {
        try await pump { client.responses[stream]?.closed == true }
        return client.responses[stream] ?? .init()
    }
}

/// Frames messages as gRPC does.
func grpcFrames(_ messages: [[UInt8]], compressed: Bool = false) -> [UInt8] {
    messages.flatMap { message -> [UInt8] in
        let length = UInt32(message.count)
        return [compressed ? 1 : 0, UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff),
                UInt8(length & 0xff)] + message
    }
}

/// Splits a response body into its messages.
func grpcMessages(_ body: [UInt8]) -> [[UInt8]] {
    var messages: [[UInt8]] = []
    var offset = 0
    while offset + 5 <= body.count {
        let length = Int(body[offset + 1]) << 24 | Int(body[offset + 2]) << 16 | Int(body[offset + 3]) << 8 | Int(body[offset + 4])
        messages.append(Array(body[(offset + 5)..<(offset + 5 + length)]))
        offset += 5 + length
    }
    return messages
}
