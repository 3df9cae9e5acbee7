/// A gRPC service: something that registers its methods with a router.
///
/// Generated service protocols refine this and implement it for you; a service author implements only the RPC
/// methods.
public protocol RPCService: Sendable {
    /// Adds a handler for every method of the service to `router`.
    func registerMethods(with router: inout RPCRouter)
}
