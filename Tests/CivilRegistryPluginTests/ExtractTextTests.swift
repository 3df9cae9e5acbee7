import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("Extracts and verification codes")
struct ExtractTextTests {
    let extract = ExtractText(
        kind: .death, actID: "a1", municipality: "burgerzaken", eventDate: "2026-01-05", place: "Brugge",
        persons: [
            .init(role: ExtractLabels.deceased, familyName: "Dubois", givenNames: "Marie", nationalNumber: "85.47.30-034.16",
                  birthDate: "1985-07-30")
        ], newNames: "", verificationCode: "ABCD-EFGH-2345-6723", issuedOn: "2026-02-01")

    @Test("one text per language, labels translated, values unchanged")
    func languages() {
        let expected: [(ExtractLanguage, String, String)] = [
            (.single(.dutch), "Uittreksel uit een akte van overlijden", "Verificatiecode: ABCD-EFGH-2345-6723"),
            (.single(.french), "Extrait d'acte de décès", "Code de vérification: ABCD-EFGH-2345-6723"),
            (.single(.german), "Auszug aus einer Sterbeurkunde", "Prüfcode: ABCD-EFGH-2345-6723"),
            (.single(.english), "Extract of a death certificate", "Verification code: ABCD-EFGH-2345-6723"),
        ]
        for (language, title, code) in expected {
            let text = extract.render(in: language)
            #expect(text.hasPrefix(title + "\n"))
            #expect(text.hasSuffix(code))
            #expect(text.contains("Dubois") && text.contains("85.47.30-034.16") && text.contains("2026-01-05"))
        }
    }

    @Test("the multilingual form carries every label in the four languages")
    func multilingual() {
        let text = extract.render(in: .multilingual)
        #expect(text.contains("Overledene / Défunt / Verstorbene Person / Deceased"))
        #expect(text.contains("Plaats / Lieu / Ort / Place: Brugge"))
    }

    @Test("languages by code")
    func codes() {
        #expect(ExtractLanguage(code: "fr") == .single(.french))
        #expect(ExtractLanguage(code: "multilingual") == .multilingual)
        #expect(ExtractLanguage(code: "es") == nil && ExtractLanguage(code: "") == nil)
    }

    @Test("verification codes: shape, alphabet, normalization")
    func verificationCodes() {
        var seen = Set<String>()
        for _ in 0..<200 {
            let code = VerificationCode.make()
            #expect(VerificationCode.normalized(code) == code)
            seen.insert(code)
        }
        #expect(seen.count == 200)
        #expect(VerificationCode.normalized(" abcd-efgh-2345-6723 ") == "ABCD-EFGH-2345-6723")
        for bad in ["ABCD-EFGH-2345", "ABCD-EFGH-2345-6720", "ABCD-EFGH-2345-6781", "ABCDEFGH23456723", ""] {
            #expect(VerificationCode.normalized(bad) == nil, "\(bad)")
        }
    }
}
