import CCairo
import Dispatch
import LoketPluginAPI

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Renders documents as A4 PDFs with cairo, written to memory: DejaVu Sans (Debian's fonts-dejavu-core, found
/// through fontconfig), the document's title and creation date in the PDF's metadata, the footer and
/// "page/pages" at the bottom of every page. The same document gives the same bytes.
public struct CairoDocumentRenderer: DocumentRenderer {
    /// The font family the text is set in.
    public let fontFamily: String

    /// Creates a renderer that sets text in `fontFamily`.
    public init(fontFamily: String = "DejaVu Sans") {
        self.fontFamily = fontFamily
    }

    /// The PDF of `document`, rendered on a thread of Dispatch's global queue rather than the caller's (an event
    /// loop, for a handler).
    public func render(_ document: Document) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try renderOnThisThread(document) })
            }
        }
    }

    /// The PDF of `document`, rendered on the calling thread.
    public func renderOnThisThread(_ document: Document) throws -> [UInt8] {
        let sink = PDFByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard
            let surface = cairo_pdf_surface_create_for_stream(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<PDFByteSink>.fromOpaque(closure).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, closure, DocumentLayout.pageWidth, DocumentLayout.pageHeight)
        else { throw DocumentRenderError("cairo made no PDF surface") }
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface))

        let created = document.created.formatted(.iso8601)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Loket")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS,
                                       document.languages.map(\.rawValue).joined(separator: ", "))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created)

        guard let cairo = cairo_create(surface) else { throw DocumentRenderError("cairo made no drawing context") }
        defer { cairo_destroy(cairo) }
        let layout = DocumentLayout(document) { text, style in
            use(style, in: cairo)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cairo, text, &extents)
            return extents.x_advance
        }

        for (index, page) in layout.pages.enumerated() {
            cairo_set_source_rgb(cairo, 0, 0, 0)
            for text in page {
                use(text.style, in: cairo)
                cairo_move_to(cairo, text.x, text.baseline)
                cairo_show_text(cairo, text.text)
            }
            drawFooter(layout, page: index + 1, of: layout.pages.count, in: cairo)
            cairo_show_page(cairo)
        }
        try check(cairo_status(cairo))
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface))
        return sink.bytes
    }

    private func drawFooter(_ layout: DocumentLayout, page: Int, of pages: Int, in cairo: OpaquePointer) {
        let left = DocumentLayout.margin
        let right = DocumentLayout.pageWidth - DocumentLayout.margin
        let rule = layout.footerTop - TextStyle.footer.size - 6
        cairo_set_source_rgb(cairo, 0.45, 0.45, 0.45)
        cairo_set_line_width(cairo, 0.5)
        cairo_move_to(cairo, left, rule)
        cairo_line_to(cairo, right, rule)
        cairo_stroke(cairo)
        cairo_set_source_rgb(cairo, 0.2, 0.2, 0.2)
        use(.footer, in: cairo)
        for (index, line) in layout.footer.enumerated() {
            cairo_move_to(cairo, left, layout.footerTop + Double(index) * TextStyle.footer.lineHeight)
            cairo_show_text(cairo, line)
        }
        let number = "\(page)/\(pages)"
        var extents = cairo_text_extents_t()
        cairo_text_extents(cairo, number, &extents)
        cairo_move_to(cairo, right - extents.x_advance, layout.footerTop)
        cairo_show_text(cairo, number)
    }

    private func use(_ style: TextStyle, in cairo: OpaquePointer) {
        cairo_select_font_face(
            cairo, fontFamily, CAIRO_FONT_SLANT_NORMAL, style.isBold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cairo, style.size)
    }

    private func check(_ status: cairo_status_t) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DocumentRenderError(String(cString: cairo_status_to_string(status)))
        }
    }
}
