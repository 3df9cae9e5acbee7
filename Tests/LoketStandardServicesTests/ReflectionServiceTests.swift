import Foundation
import LoketRPC
import LoketStandardServices
import Testing

private typealias Request = Grpc_Reflection_V1_ServerReflectionRequest
private typealias Response = Grpc_Reflection_V1_ServerReflectionResponse

@Suite("grpc.reflection.v1 and v1alpha ServerReflection")
struct ReflectionServiceTests {
    static let registered = [
        "grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
        "grpc.reflection.v1.ServerReflection", "grpc.health.v1.Health",
    ]
    // Modules share imports, so the host passes some files twice.
    let harness = RouterHarness(ReflectionService(
        files: LoketStandardServicesProtoFiles.all + LoketStandardServicesProtoFiles.all.suffix(2),
        serviceNames: registered))

    private func ask(_ requests: [Request]) async throws -> [Response] {
        try await harness.call(
            Grpc_Reflection_V1_ServerReflection.Method.serverReflectionInfo, requests, as: Response.self)
    }

    private func ask(_ request: Grpc_Reflection_V1_ServerReflectionRequest.OneOf_MessageRequest?) async throws
        -> Response.OneOf_MessageResponse?
    {
        let responses = try await ask([Request.with { $0.messageRequest = request }])
        try #require(responses.count == 1)
        return responses[0].messageResponse
    }

    /// The embedded descriptors of `names`, as the server should send them.
    private func embedded(_ names: String...) -> [Data] {
        names.map { name in Data(LoketStandardServicesProtoFiles.all.first { $0.name == name }!.serializedBytes) }
    }

    private func files(containing symbol: String) async throws -> [Data]? {
        guard case .fileDescriptorResponse(let files)? = try await ask(.fileContainingSymbol(symbol)) else { return nil }
        return files.fileDescriptorProto
    }

    private func errorCode(_ request: Request.OneOf_MessageRequest?) async throws -> Int32? {
        guard case .errorResponse(let error)? = try await ask(request) else { return nil }
        #expect(!error.errorMessage.isEmpty)
        return error.errorCode
    }

    @Test("both versions are registered, and list_services reports the registered services once, sorted")
    func listServices() async throws {
        #expect(harness.router.services == StandardServices.reflectionServiceNames.sorted())
        let expected = Set(Self.registered).sorted()
        guard case .listServicesResponse(let list)? = try await ask(.listServices("")) else {
            Issue.record("no list_services_response")
            return
        }
        #expect(list.service.map(\.name) == expected)

        let alpha = try await harness.call(
            Grpc_Reflection_V1alpha_ServerReflection.Method.serverReflectionInfo,
            [Grpc_Reflection_V1alpha_ServerReflectionRequest.with { $0.messageRequest = .listServices("*") }],
            as: Grpc_Reflection_V1alpha_ServerReflectionResponse.self)
        guard case .listServicesResponse(let alphaList)? = alpha.first?.messageResponse else {
            Issue.record("no v1alpha list_services_response")
            return
        }
        #expect(alphaList.service.map(\.name) == expected)
    }

    @Test("file_by_filename returns the file first, then its transitive imports, each once")
    func fileByFilename() async throws {
        guard case .fileDescriptorResponse(let test)? = try await ask(.fileByFilename("grpc/testing/test.proto")) else {
            Issue.record("no file_descriptor_response")
            return
        }
        #expect(test.fileDescriptorProto == embedded(
            "grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"))
        #expect(try await errorCode(.fileByFilename("grpc/testing/missing.proto")) == 5)
    }

    @Test("file_containing_symbol finds services, methods, messages, nested types, with or without a leading dot")
    func fileContainingSymbol() async throws {
        let health = embedded("grpc/health/v1/health.proto")
        for symbol in [
            "grpc.health.v1.Health", "grpc.health.v1.Health.Watch", "grpc.health.v1.HealthCheckResponse",
            "grpc.health.v1.HealthCheckResponse.ServingStatus", "grpc.health.v1.HealthListResponse.StatusesEntry",
            ".grpc.health.v1.HealthCheckRequest",
        ] {
            #expect(try await files(containing: symbol) == health, "\(symbol)")
        }
        let service = try await files(containing: ".grpc.testing.TestService.FullDuplexCall")
        #expect(service == embedded(
            "grpc/testing/test.proto", "grpc/testing/empty.proto", "grpc/testing/messages.proto"))
        #expect(try await files(containing: "grpc.reflection.v1alpha.ErrorResponse")
            == embedded("grpc/reflection/v1alpha/reflection.proto"))
        #expect(try await errorCode(.fileContainingSymbol("grpc.health.v1.Nothing")) == 5)
        #expect(try await errorCode(.fileContainingSymbol("")) == 5)
    }

    @Test("extension queries: NOT_FOUND for a file, no numbers for a known message type")
    func extensions() async throws {
        let request = Grpc_Reflection_V1_ExtensionRequest.with {
            $0.containingType = "grpc.testing.SimpleRequest"
            $0.extensionNumber = 100
        }
        #expect(try await errorCode(.fileContainingExtension(request)) == 5)
        guard case .allExtensionNumbersResponse(let numbers)? = try await ask(
            .allExtensionNumbersOfType(".grpc.testing.SimpleRequest"))
        else {
            Issue.record("no all_extension_numbers_response")
            return
        }
        #expect(numbers.baseTypeName == "grpc.testing.SimpleRequest")
        #expect(numbers.extensionNumber.isEmpty)
        #expect(try await errorCode(.allExtensionNumbersOfType("grpc.testing.TestService")) == 5)
        #expect(try await errorCode(.allExtensionNumbersOfType("grpc.testing.Nothing")) == 5)
    }

    @Test("a request without a question gets INVALID_ARGUMENT")
    func emptyRequest() async throws {
        #expect(try await errorCode(nil) == 3)
    }

    @Test("several requests on one stream are answered in order, echoing host and request")
    func stream() async throws {
        let requests: [Request] = [
            .with { $0.host = "loket.gent.be"; $0.messageRequest = .listServices("") },
            .with { $0.messageRequest = .fileContainingSymbol("no.such.Symbol") },
            .with { $0.host = "h"; $0.messageRequest = .fileByFilename("grpc/testing/empty.proto") },
        ]
        let responses = try await ask(requests)
        #expect(responses.map(\.originalRequest) == requests)
        #expect(responses.map(\.validHost) == ["loket.gent.be", "", "h"])
        guard case .listServicesResponse? = responses[0].messageResponse,
            case .errorResponse(let error)? = responses[1].messageResponse,
            case .fileDescriptorResponse(let files)? = responses[2].messageResponse
        else {
            Issue.record("unexpected responses: \(responses)")
            return
        }
        #expect(error.errorCode == 5)
        #expect(error.errorMessage.contains("no.such.Symbol"))
        #expect(files.fileDescriptorProto == embedded("grpc/testing/empty.proto"))
    }
}
