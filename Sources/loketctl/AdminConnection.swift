import ArgumentParser
import LoketClient
import LoketRPC
import LoketWire

/// One command's connection to loketd's admin service: the client, and the metadata every call carries.
struct AdminConnection {
    let client: GRPCClient
    let metadata: Metadata
    let timeout: Duration

    private init(options: ServerOptions) throws {
        let (host, port) = try options.endpoint
        guard let key = options.resolvedAPIKey else {
            throw ValidationError("no API key: give --api-key or set LOKET_API_KEY")
        }
        var metadata = Metadata()
        metadata.addString("Bearer \(key)", forKey: "authorization")
        if let language = options.language { metadata.addString(language.rawValue, forKey: "accept-language") }
        if let purpose = options.purpose { metadata.addString(purpose, forKey: "x-loket-purpose") }
        self.metadata = metadata
        self.timeout = .milliseconds(Int64(options.timeout * 1000))
        self.client = GRPCClient(host: host, port: port, tls: options.clientTLS)
    }

    /// Runs `body` with a connection made from `options`, and closes it after.
    static func with<Result>(
        _ options: ServerOptions, _ body: (AdminConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try AdminConnection(options: options)
        do {
            let result = try await body(connection)
            await connection.client.close()
            return result
        } catch {
            await connection.client.close()
            throw error
        }
    }

    /// Calls one admin method. A failed call is reported on standard error as `loketctl: <STATUS>: <message>`
    /// and ends the command with exit status 1.
    func call<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ method: MethodDescriptor, _ request: Request, as response: Response.Type = Response.self
    ) async throws -> Response {
        do {
            return try await client.unary(method, request: request, metadata: metadata, timeout: timeout, as: response)
        } catch {
            Output.error("\(error.code): \(error.message)")
            throw ExitCode.failure
        }
    }

    /// Connects, calls one admin method and closes the connection.
    static func call<Request: ProtobufMessage, Response: ProtobufMessage>(
        _ options: ServerOptions, _ method: MethodDescriptor, _ request: Request,
        as response: Response.Type = Response.self
    ) async throws -> Response {
        try await with(options) { try await $0.call(method, request, as: response) }
    }
}
