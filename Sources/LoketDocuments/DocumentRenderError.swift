/// A document that could not be rendered: cairo's reason.
public struct DocumentRenderError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
