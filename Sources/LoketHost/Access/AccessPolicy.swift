import LoketPluginAPI

/// The access rule of one hosted method: its policy, and the plugin it belongs to (nil for the host's own
/// methods, such as the admin service, which no department enables).
struct AccessPolicy: Sendable {
    /// The plugin's id and title.
    var plugin: (id: String, title: LocalizedText)?
    /// What the method requires.
    var policy: MethodPolicy
}
