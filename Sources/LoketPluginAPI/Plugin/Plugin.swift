/// A citizen-service plugin: a set of gRPC services with their tables, compiled into `loketd`.
///
/// The host registers every compiled-in plugin at startup, applies its migrations, and routes its methods through
/// authentication, department enablement, authorization and audit before a handler runs. See the guide
/// "Writing a plugin" (`Plugins/README.md`).
public protocol Plugin: Sendable {
    /// What the plugin is: id, version, titles, migrations and the policy of every method.
    var manifest: PluginManifest { get }

    /// Creates the plugin's services, given what the host provides (database, clock, logger, audit, localizer).
    func makeServices(context: PluginContext) throws -> [any RPCService]
}
