import LoketPluginAPI
import Testing

@Suite("Language")
struct LanguageTests {
    @Test(
        "accept-language picks the best supported language",
        arguments: [
            ("fr", Language.french), ("de-BE", .german), ("EN", .english), ("nl-BE,nl;q=0.9", .dutch),
            ("es, fr;q=0.8, en;q=0.9", .english), ("fr;q=0, de;q=0.1", .german), ("es, it", .dutch), ("", .dutch),
            ("*", .dutch), (" fr-BE ; q=0.7 , en ; q=0.6", .french),
        ])
    func acceptLanguage(header: String, expected: Language) {
        #expect(Language(acceptLanguage: header) == expected)
    }

    @Test("no header means Dutch")
    func missingHeader() {
        #expect(Language(acceptLanguage: nil) == .dutch)
    }

    @Test("texts fill their arguments in the chosen language")
    func localizedText() {
        let text = LocalizedText(nl: "Dienst {0} en {1}", fr: "Service {0} et {1}", de: "Abteilung {0} und {1}", en: "{1} then {0}")
        #expect(text.text(in: .french, "a", "b") == "Service a et b")
        #expect(text.text(in: .english, "a", "b") == "b then a")
        #expect(text.text(in: .german) == "Abteilung {0} und {1}")
    }

    @Test("a localizer falls back to the key, never failing a call")
    func localizer() {
        let localizer = Localizer(messages: ["k": LocalizedText(nl: "nl {0}", fr: "fr {0}", de: "de {0}", en: "en {0}")])
        #expect(localizer.message("k", in: .german, "x") == "de x")
        #expect(localizer.message("missing", in: .german) == "missing")
    }
}
