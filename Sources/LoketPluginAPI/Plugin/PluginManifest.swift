import LoketSQL

/// Describes a plugin to the host: identity, titles, schema and method policies.
public struct PluginManifest: Sendable {
    /// A stable identifier: lowercase letters, digits and hyphens, e.g. `civil-registry`. Stored in the database
    /// (enablement, migrations), so never renamed.
    public var id: String
    /// The plugin's version, e.g. `1.0.0`, for administrators.
    public var version: String
    /// The plugin's name for people, in every language.
    public var title: LocalizedText
    /// The plugin's numbered SQL migrations, applied at startup in order (see ``Migration/load(from:)``).
    public var migrations: [Migration]
    /// The policy of every method of the plugin's services. A registered method without a policy stops startup:
    /// nothing is reachable by accident.
    public var methods: [MethodPolicy]
    /// User-facing messages by key, for ``Localizer``.
    public var messages: [String: LocalizedText]
    /// The `.proto` files of the plugin's services (the generated `…ProtoFiles.all`), for server reflection.
    public var protoFiles: [ProtoFileDescriptor]

    /// Creates a manifest.
    public init(
        id: String, version: String, title: LocalizedText, migrations: [Migration] = [],
        methods: [MethodPolicy], messages: [String: LocalizedText] = [:], protoFiles: [ProtoFileDescriptor] = []
    ) {
        self.protoFiles = protoFiles
        self.id = id
        self.version = version
        self.title = title
        self.migrations = migrations
        self.methods = methods
        self.messages = messages
    }

    /// Whether `id` is a valid plugin id.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return id.utf8.count <= 40
            && id.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            }
    }
}
