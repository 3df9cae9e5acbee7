import LoketRPC
import Testing

@Suite("MethodDescriptor")
struct MethodDescriptorTests {
    @Test("the path follows the service and the method, also when they change")
    func pathFollowsItsParts() {
        var method = MethodDescriptor(service: "grpc.health.v1.Health", method: "Check", kind: .unary)
        #expect(method.path == "/grpc.health.v1.Health/Check")
        #expect(method.description == method.path)
        method.method = "Watch"
        #expect(method.path == "/grpc.health.v1.Health/Watch")
        method.service = "grpc.health.v2.Health"
        #expect(method.path == "/grpc.health.v2.Health/Watch")
        #expect(method == MethodDescriptor(service: "grpc.health.v2.Health", method: "Watch", kind: .unary))
    }
}
