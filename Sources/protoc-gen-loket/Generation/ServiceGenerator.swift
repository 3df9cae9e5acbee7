/// Emits, for one service: the method descriptors, the protocol a service author implements, and the glue that
/// registers an implementation with the router.
struct ServiceGenerator {
    let service: ProtoService
    let swiftName: String
    let types: TypeTable

    /// The protocol a service author implements: `<Name>Service`, or `<Name>Protocol` when the proto name already
    /// ends in "Service".
    private var protocolName: String {
        swiftName + (service.name.hasSuffix("Service") ? "Protocol" : "Service")
    }

    private func methodName(_ method: ProtoService.Method) -> String {
        Naming.identifier(Naming.lowerCamel(method.name))
    }

    private func kind(_ method: ProtoService.Method) -> String {
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false): "unary"
        case (false, true): "serverStreaming"
        case (true, false): "clientStreaming"
        case (true, true): "bidirectionalStreaming"
        }
    }

    func emit(into p: inout CodePrinter) {
        p.line("/// Names and method descriptors of `\(service.fullName)`.")
        p.block("public enum \(swiftName)") { p in
            p.line("/// The fully qualified service name.")
            p.line("public static let serviceName = \"\(service.fullName)\"")
            p.line()
            p.line("/// One descriptor per method.")
            p.block("public enum Method") { p in
                for method in service.methods {
                    p.line("/// `\(service.fullName)/\(method.name)`.")
                    p.line(
                        "public static let \(methodName(method)) = MethodDescriptor(service: serviceName, method: \"\(method.name)\", kind: .\(kind(method)))"
                    )
                }
                p.line()
                p.line("/// Every method of the service.")
                p.line("public static let all: [MethodDescriptor] = [\(service.methods.map { methodName($0) }.joined(separator: ", "))]")
            }
        }
        p.line()
        p.docComment(service.comment.isEmpty ? "Implements `\(service.fullName)`." : service.comment)
        p.block("public protocol \(protocolName): RPCService") { p in
            for method in service.methods {
                p.docComment(method.comment)
                p.line("func \(methodName(method))(\(signature(method))")
            }
        }
        p.line()
        p.block("extension \(protocolName)") { p in
            p.line("/// Registers every method of `\(service.fullName)` with `router`.")
            p.block("public func registerMethods(with router: inout RPCRouter)") { p in
                for method in service.methods { emitRegistration(method, into: &p) }
            }
        }
    }

    private func signature(_ method: ProtoService.Method) -> String {
        let input = types.swiftName(method.inputType)
        let output = types.swiftName(method.outputType)
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false):
            return "request: \(input), context: ServerContext) async throws -> \(output)"
        case (false, true):
            return "request: \(input), response: ResponseWriter<\(output)>, context: ServerContext) async throws"
        case (true, false):
            return "requests: RequestStream<\(input)>, context: ServerContext) async throws -> \(output)"
        case (true, true):
            return
                "requests: RequestStream<\(input)>, response: ResponseWriter<\(output)>, context: ServerContext) async throws"
        }
    }

    private func emitRegistration(_ method: ProtoService.Method, into p: inout CodePrinter) {
        let input = types.swiftName(method.inputType)
        let output = types.swiftName(method.outputType)
        let name = "\(swiftName).Method.\(methodName(method))"
        let register: String
        let parameters: String
        let call: String
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false):
            // A unary method registers its byte-level body directly rather than through `registerUnary`: one async
            // closure per call instead of two nested ones (each call through a closure is an executor check, and
            // each frame counts against the task's first allocator slab).
            p.block("router.register(RPCHandler(method: \(name)) { bytes, context in", closing: "})") { p in
                p.line("let request = try RPCRouter.decodeRequest(\(input).self, from: bytes)")
                p.line("return try await self.\(methodName(method))(request: request, context: context).serializedBytes()")
            }
            return
        case (false, true):
            (register, parameters, call) = (
                "registerServerStreaming", "request, response, context",
                "request: request, response: response, context: context"
            )
        case (true, false):
            (register, parameters, call) = (
                "registerClientStreaming", "requests, context", "requests: requests, context: context"
            )
        case (true, true):
            (register, parameters, call) = (
                "registerBidirectionalStreaming", "requests, response, context",
                "requests: requests, response: response, context: context"
            )
        }
        p.line("router.\(register)(")
        p.indent { p in
            p.line("\(name), request: \(input).self, response: \(output).self")
        }
        p.block(") { \(parameters) in") { p in
            p.line("try await self.\(methodName(method))(\(call))")
        }
    }
}
