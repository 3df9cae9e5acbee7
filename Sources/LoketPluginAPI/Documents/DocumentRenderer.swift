/// Turns a ``Document`` into a PDF. The host gives plugins one in ``PluginContext/documentRenderer``; rendering
/// the same document twice gives the same bytes.
public protocol DocumentRenderer: Sendable {
    /// The PDF of `document`; throws when the document cannot be rendered.
    ///
    /// Rendering takes milliseconds of CPU, so an implementation does it off the caller's executor: handlers run
    /// on the server's event loops, which must never be kept busy that long.
    func render(_ document: Document) async throws -> [UInt8]
}
