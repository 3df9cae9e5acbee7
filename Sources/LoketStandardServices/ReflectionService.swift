import LoketRPC
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Server reflection over the `.proto` files compiled into the server: answers both `grpc.reflection.v1` and
/// `grpc.reflection.v1alpha`, since grpcurl asks v1 first while grpcui and Postman still use v1alpha.
///
/// Registering it with a router adds both versions.
public struct ReflectionService: RPCService {
    private struct File: Sendable {
        let dependencies: [String]
        let bytes: Data
    }

    private let files: [String: File]
    private let fileBySymbol: [String: String]
    private let messageTypes: Set<String>
    private let serviceNames: [String]

    /// Creates the service from the files of every registered module and the names of the services the router
    /// actually serves, which are the only ones `list_services` reports.
    ///
    /// Modules share imports, so a file may come more than once; the first copy of a file name wins.
    public init(files descriptors: [ProtoFileDescriptor], serviceNames: [String]) {
        var files: [String: File] = [:]
        var fileBySymbol: [String: String] = [:]
        var messageTypes: Set<String> = []
        for descriptor in descriptors where files[descriptor.name] == nil {
            files[descriptor.name] = File(dependencies: descriptor.dependencies, bytes: Data(descriptor.serializedBytes))
            for symbol in descriptor.symbols where fileBySymbol[symbol] == nil {
                fileBySymbol[symbol] = descriptor.name
            }
            messageTypes.formUnion(FileDescriptorScanner.messageTypeNames(in: descriptor.serializedBytes))
        }
        self.files = files
        self.fileBySymbol = fileBySymbol
        self.messageTypes = messageTypes
        self.serviceNames = Set(serviceNames).sorted()
    }

    /// Registers both reflection versions with `router`.
    public func registerMethods(with router: inout RPCRouter) {
        let v1 = ReflectionV1Service(self)
        router.register(v1)
        // v1alpha's messages are field for field v1's (same numbers, same types), so its bytes decode as v1
        // messages and the v1 implementation answers both.
        router.registerBidirectionalStreaming(
            Grpc_Reflection_V1alpha_ServerReflection.Method.serverReflectionInfo,
            request: Grpc_Reflection_V1_ServerReflectionRequest.self,
            response: Grpc_Reflection_V1_ServerReflectionResponse.self
        ) { requests, response, context in
            try await v1.serverReflectionInfo(requests: requests, response: response, context: context)
        }
    }

    /// Answers each request as it arrives, in order; the service only translates messages.
    func serve<Request: Sendable, Response: Sendable>(
        _ requests: RequestStream<Request>, _ responses: ResponseWriter<Response>,
        query: (Request) -> ReflectionQuery, respond: (Request, ReflectionAnswer) -> Response
    ) async throws {
        for try await request in requests {
            try await responses.write(respond(request, answer(query(request))))
        }
    }

    /// Answers one query.
    func answer(_ query: ReflectionQuery) -> ReflectionAnswer {
        switch query {
        case .fileByFilename(let name):
            guard files[name] != nil else { return .error(.notFound, "file \"\(name)\" is not known to this server") }
            return .fileDescriptors(withImports(name))
        case .fileContainingSymbol(let symbol):
            guard let name = fileBySymbol[Self.withoutLeadingDot(symbol)] else {
                return .error(.notFound, "symbol \"\(symbol)\" is not known to this server")
            }
            return .fileDescriptors(withImports(name))
        case .fileContainingExtension(let type, let number):
            // Loket's protos declare no extensions, so there is never a file to return.
            return .error(.notFound, "type \"\(type)\" has no extension with number \(number)")
        case .allExtensionNumbersOfType(let type):
            let name = Self.withoutLeadingDot(type)
            guard messageTypes.contains(name) else {
                return .error(.notFound, "message type \"\(type)\" is not known to this server")
            }
            return .extensionNumbers(baseTypeName: name, numbers: [])
        case .listServices:
            return .services(serviceNames)
        case .missing:
            return .error(.invalidArgument, "the reflection request sets none of the fields of message_request")
        }
    }

    /// The file and everything it imports, directly or not, each once, the file itself first.
    private func withImports(_ name: String) -> [Data] {
        var order = [name]
        var seen: Set<String> = [name]
        var next = 0
        while next < order.count {
            for dependency in files[order[next]]?.dependencies ?? [] where seen.insert(dependency).inserted {
                order.append(dependency)
            }
            next += 1
        }
        // An import the server was not built with cannot be sent; the client learns of it from the file itself.
        return order.compactMap { files[$0]?.bytes }
    }

    private static func withoutLeadingDot(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }
}
