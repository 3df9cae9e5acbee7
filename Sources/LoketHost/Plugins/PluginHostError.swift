/// A plugin set-up that cannot run; startup stops with this message.
public struct PluginHostError: Error, CustomStringConvertible {
    /// What is wrong.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
