import Foundation
import LoketPluginAPI
import Testing

@testable import LoketDocuments

@Suite("Document layout")
struct DocumentLayoutTests {
    /// Every character 6 points wide.
    let measure: (String, TextStyle) -> Double = { text, _ in Double(text.count) * 6 }

    @Test("words wrap at spaces, explicit breaks are kept, an overlong word is cut")
    func wrap() {
        #expect(DocumentLayout.wrap("aaa bbb ccc", width: 42, style: .value, measure: measure) == ["aaa bbb", "ccc"])
        #expect(DocumentLayout.wrap("aaa\nbbb", width: 600, style: .value, measure: measure) == ["aaa", "bbb"])
        #expect(DocumentLayout.wrap("abcdefghij", width: 24, style: .value, measure: measure) == ["abcd", "efgh", "ij"])
        #expect(DocumentLayout.wrap("", width: 24, style: .value, measure: measure).isEmpty)
    }

    @Test("a heading is never the last line of a page")
    func headingKeptWithItsLines() {
        let lines = (1...40).map { Document.Line(label: "L\($0)", value: "V\($0)") }
        let document = Document(
            title: "T", languages: [.english],
            sections: (1...4).map { Document.Section(heading: "H\($0)", lines: lines) }, footer: [], created: .init())
        let layout = DocumentLayout(document, measure: measure)
        #expect(layout.pages.count > 1)
        for page in layout.pages {
            #expect(page.last?.style != .heading)
            #expect(page.allSatisfy { $0.baseline <= layout.contentBottom })
        }
    }
}
