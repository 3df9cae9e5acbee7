/// Collects the bytes cairo writes for a PDF surface; lives for one render, on one thread.
final class PDFByteSink {
    /// The PDF so far.
    var bytes: [UInt8] = []
}
