import NIOCore
import NIOPosix

/// A TCP listener that accepts connections and never answers, so that only the client can end a call.
enum SilentServer {
    static func with<T>(_ body: (_ port: Int) async throws -> T) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(channel.localAddress?.port ?? 0)
            try await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}
