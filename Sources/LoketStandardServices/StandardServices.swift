import LoketRPC

/// The names and descriptors of the standard gRPC services, for a host that registers them and lists what it serves.
public enum StandardServices {
    /// `grpc.health.v1.Health`.
    public static let healthServiceName = Grpc_Health_V1_Health.serviceName

    /// Both reflection versions: `grpc.reflection.v1.ServerReflection` and `grpc.reflection.v1alpha.ServerReflection`.
    public static let reflectionServiceNames = [
        Grpc_Reflection_V1_ServerReflection.serviceName, Grpc_Reflection_V1alpha_ServerReflection.serviceName,
    ]

    /// `grpc.testing.TestService`, the interop test service.
    public static let interopTestServiceName = Grpc_Testing_TestService.serviceName

    /// The `.proto` files of these services, to pass to ``ReflectionService`` along with every other module's files.
    public static var protoFiles: [ProtoFileDescriptor] { LoketStandardServicesProtoFiles.all }
}
