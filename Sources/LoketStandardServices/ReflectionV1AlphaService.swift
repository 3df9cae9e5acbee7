import LoketRPC

/// `grpc.reflection.v1alpha.ServerReflection`, answered by a shared ``ReflectionService``.
public struct ReflectionV1AlphaService: Grpc_Reflection_V1alpha_ServerReflectionService {
    private typealias Request = Grpc_Reflection_V1alpha_ServerReflectionRequest
    private typealias Response = Grpc_Reflection_V1alpha_ServerReflectionResponse

    private let reflection: ReflectionService

    /// Creates the v1alpha service over `reflection`.
    public init(_ reflection: ReflectionService) {
        self.reflection = reflection
    }

    /// Answers every request on the stream with one response, in order.
    public func serverReflectionInfo(
        requests: RequestStream<Grpc_Reflection_V1alpha_ServerReflectionRequest>,
        response: ResponseWriter<Grpc_Reflection_V1alpha_ServerReflectionResponse>, context: ServerContext
    ) async throws {
        try await reflection.serve(requests, response, query: Self.query, respond: Self.response)
    }

    private static func query(_ request: Request) -> ReflectionQuery {
        switch request.messageRequest {
        case .fileByFilename(let name)?: .fileByFilename(name)
        case .fileContainingSymbol(let symbol)?: .fileContainingSymbol(symbol)
        case .fileContainingExtension(let extensionRequest)?:
            .fileContainingExtension(
                containingType: extensionRequest.containingType, number: extensionRequest.extensionNumber)
        case .allExtensionNumbersOfType(let type)?: .allExtensionNumbersOfType(type)
        case .listServices?: .listServices
        case nil: .missing
        }
    }

    private static func response(_ request: Request, _ answer: ReflectionAnswer) -> Response {
        Response.with { response in
            response.validHost = request.host
            response.originalRequest = request
            switch answer {
            case .fileDescriptors(let files):
                response.messageResponse = .fileDescriptorResponse(.with { $0.fileDescriptorProto = files })
            case .extensionNumbers(let type, let numbers):
                response.messageResponse = .allExtensionNumbersResponse(.with {
                    $0.baseTypeName = type
                    $0.extensionNumber = numbers
                })
            case .services(let names):
                response.messageResponse = .listServicesResponse(.with { list in
                    list.service = names.map { name in .with { $0.name = name } }
                })
            case .error(let code, let message):
                response.messageResponse = .errorResponse(.with {
                    $0.errorCode = Int32(code.rawValue)
                    $0.errorMessage = message
                })
            }
        }
    }
}
