import Foundation
import LoketDocuments
import LoketPluginAPI
import Testing

@Suite("PDF documents drawn with cairo")
struct CairoDocumentRendererTests {
    let renderer = CairoDocumentRenderer()
    let created = Date(timeIntervalSince1970: 1_785_000_000)  // 2026-07-25T17:20:00Z

    var document: Document {
        Document(
            title: "Extrait d'acte de décès", languages: [.french],
            sections: [
                .init(lines: [.init(label: "Numéro de l'acte", value: "a1"), .init(label: "Lieu", value: "Liège")]),
                .init(heading: "Défunt", lines: [
                    .init(label: "Nom", value: "Müller-François"), .init(label: "Prénoms", value: "Françoise Zoë"),
                ]),
            ],
            footer: [.init(label: "Délivré le", value: "2026-07-25"), .init(label: "Code de vérification", value: "ABCD-EFGH-2345-6723")],
            created: created)
    }

    @Test("a PDF whose text has the title, every line with its accents and the footer")
    func text() throws {
        let pdf = try renderer.renderOnThisThread(document)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        let text = try PopplerTool.text(pdf)
        #expect(text.contains("Extrait d'acte de décès"))
        for expected in ["Numéro de l'acte", "Liège", "Défunt", "Müller-François", "Françoise Zoë",
                         "Délivré le: 2026-07-25", "Code de vérification: ABCD-EFGH-2345-6723", "1/1"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        #expect(try PopplerTool.info(pdf, "Pages") == "1")
    }

    @Test("title, creation date and size in the metadata; DejaVu Sans embedded")
    func metadata() throws {
        let pdf = try renderer.renderOnThisThread(document)
        #expect(try PopplerTool.info(pdf, "Title") == "Extrait d'acte de décès")
        #expect(try PopplerTool.info(pdf, "CreationDate")?.hasPrefix("2026-07-25T17:20:00") == true)
        #expect(try PopplerTool.info(pdf, "Page size")?.contains("(A4)") == true)
        #expect(try PopplerTool.run("pdffonts", on: pdf).contains("DejaVuSans"))
    }

    @Test("the same document gives the same bytes")
    func deterministic() throws {
        #expect(try renderer.renderOnThisThread(document) == renderer.renderOnThisThread(document))
        var later = document
        later.created = created.addingTimeInterval(86_400)
        #expect(try renderer.renderOnThisThread(document) != renderer.renderOnThisThread(later))
    }

    @Test("rendered for a caller on another thread, the bytes are the same")
    func offTheCallersThread() async throws {
        let bytes = try await renderer.render(document)
        #expect(bytes == (try renderer.renderOnThisThread(document)))
    }

    @Test("a long document runs over several pages, footer and page numbers on each")
    func pages() throws {
        var long = document
        long.sections = (1...12).map { section in
            Document.Section(heading: "Section \(section)", lines: (1...8).map { line in
                Document.Line(label: "Label \(section).\(line)", value: "Value \(section).\(line) ü é ç")
            })
        }
        let pdf = try renderer.renderOnThisThread(long)
        let pages = try #require(try PopplerTool.info(pdf, "Pages").flatMap { Int($0) })
        #expect(pages >= 3)
        let text = try PopplerTool.text(pdf)
        #expect(text.contains("Value 1.1 ü é ç") && text.contains("Value 12.8 ü é ç"))
        #expect(text.components(separatedBy: "Code de vérification: ABCD-EFGH-2345-6723").count - 1 == pages)
        #expect(text.contains("1/\(pages)") && text.contains("\(pages)/\(pages)"))
    }

    @Test("long values are wrapped within the page, a word too long for a line is cut")
    func wrapping() throws {
        var wrapped = document
        let words = Array(repeating: "Rue de l'Hôtel de Ville", count: 12).joined(separator: " ")
        let word = String(repeating: "x", count: 150)
        wrapped.sections = [.init(lines: [.init(label: "Adresse", value: words), .init(label: "Code", value: word)])]
        let text = try PopplerTool.text(try renderer.renderOnThisThread(wrapped))
        let lines = text.split(separator: "\n")
        #expect(lines.filter { $0.contains("Rue de l'Hôtel de Ville") }.count >= 3)
        #expect(lines.filter { $0.contains("xxxx") }.count >= 2)
        #expect(lines.filter { $0.contains("xxxx") }.joined().filter { $0 == "x" }.count == 150)
    }
}
