import LoketPluginAPI

extension PluginHost {
    /// The permissions that plugins let integrations hold: what an integration's scope list may name.
    var integrationPermissions: Set<String> {
        Set(plugins.flatMap { $0.manifest.methods.map(\.permission) }.filter { $0.roles.contains(.integration) }.map(\.name))
    }
}
