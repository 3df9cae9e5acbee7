import Foundation
import LoketDocuments
import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("Extracts as documents and PDF")
struct ExtractDocumentTests {
    let extract = ExtractText(
        kind: .birth, actID: "a1", municipality: "burgerzaken", eventDate: "2026-01-05", place: "Liège",
        persons: [
            .init(role: ExtractLabels.child, familyName: "Müller", givenNames: "Zoë", nationalNumber: "", birthDate: "2026-01-05"),
            .init(role: ExtractLabels.mother, familyName: "François", givenNames: "Anaïs", nationalNumber: "85.47.30-034.16",
                  birthDate: "1985-07-30"),
        ], newNames: "", verificationCode: "ABCD-EFGH-2345-6723", issuedOn: "2026-02-01")
    let issuedAt = Date(timeIntervalSince1970: 1_785_000_000)

    @Test("the text read back: title, the act's lines, one section per person, issue date and code in the footer")
    func sections() {
        let document = ExtractDocument.make(text: extract.render(in: .single(.french)), language: .single(.french), issuedAt: issuedAt)
        #expect(document.title == "Extrait d'acte de naissance")
        #expect(document.languages == [.french])
        #expect(document.created == issuedAt)
        #expect(document.sections.map(\.heading) == ["", "Enfant", "Mère"])
        #expect(document.sections[0].lines.first == Document.Line(label: "Numéro de l'acte", value: "a1"))
        #expect(document.sections[0].lines.last == Document.Line(label: "Lieu", value: "Liège"))
        #expect(document.sections[2].lines.contains(Document.Line(label: "Numéro de registre national", value: "85.47.30-034.16")))
        #expect(document.footer == [
            Document.Line(label: "Délivré le", value: "2026-02-01"),
            Document.Line(label: "Code de vérification", value: "ABCD-EFGH-2345-6723"),
        ])
    }

    @Test("the multilingual form is in all four languages")
    func multilingual() {
        let document = ExtractDocument.make(text: extract.render(in: .multilingual), language: .multilingual, issuedAt: issuedAt)
        #expect(document.languages == Language.allCases)
        #expect(document.sections.map(\.heading).contains("Moeder / Mère / Mutter / Mother"))
        #expect(document.footer.last?.label == "Verificatiecode / Code de vérification / Prüfcode / Verification code")
    }

    @Test("each language's PDF shows its labels, the values and the code; the same text gives the same PDF")
    func pdf() async throws {
        let renderer = CairoDocumentRenderer()
        let labels: [(ExtractLanguage, [String])] = [
            (.single(.dutch), ["Uittreksel uit een akte van geboorte", "Moeder", "Verificatiecode: ABCD-EFGH-2345-6723"]),
            (.single(.french), ["Extrait d'acte de naissance", "Mère", "Code de vérification: ABCD-EFGH-2345-6723"]),
            (.single(.german), ["Auszug aus einer Geburtsurkunde", "Mutter", "Prüfcode: ABCD-EFGH-2345-6723"]),
            (.single(.english), ["Extract of a birth certificate", "Mother", "Verification code: ABCD-EFGH-2345-6723"]),
        ]
        for (language, expected) in labels {
            let document = ExtractDocument.make(text: extract.render(in: language), language: language, issuedAt: issuedAt)
            let pdf = try await renderer.render(document)
            let text = try pdfText(pdf)
            for label in expected + ["Müller", "Zoë", "François", "Anaïs", "Liège"] {
                #expect(text.contains(label), "\(language.code): missing \(label)")
            }
            #expect(try renderer.renderOnThisThread(document) == pdf)
        }
    }

    private func pdfText(_ pdf: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("extract-\(UUID().uuidString).pdf")
        try Data(pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", "-enc", "UTF-8", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
