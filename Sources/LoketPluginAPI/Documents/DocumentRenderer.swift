/// Turns a ``Document`` into a PDF. The host gives plugins one in ``PluginContext/documentRenderer``; rendering
/// the same document twice gives the same bytes.
public protocol DocumentRenderer: Sendable {
    /// The PDF of `document`; throws when the document cannot be rendered.
    func render(_ document: Document) throws -> [UInt8]
}
