import LoketPluginAPI
import Testing

@testable import ElectionsPlugin

@Suite("Convocation letters")
struct ConvocationLetterTests {
    let letter = ConvocationLetter(
        voterName: "An Peeters", voterAddress: "Steenstraat 12, 8000 Brugge", voterNumber: 42,
        electionName: "Gemeenteraadsverkiezingen 2030", electionDay: day("2030-10-13"), opensAt: "08:00",
        closesAt: "14:00", stationName: "Stadhuis", stationAddress: "Burg 12, 8000 Brugge", compulsory: false)

    @Test func everyLanguageNamesStationDateAndHours() {
        #expect(letter.text(in: .dutch).contains("op 13 oktober 2030, van 08:00 tot 14:00"))
        #expect(letter.text(in: .french).contains("le 13 octobre 2030, de 08:00 à 14:00"))
        #expect(letter.text(in: .german).contains("am 13. Oktober 2030 von 08:00 bis 14:00"))
        #expect(letter.text(in: .english).contains("on 13 October 2030, from 08:00 to 14:00"))
        for language in Language.allCases {
            #expect(letter.text(in: language).contains("Stadhuis, Burg 12, 8000 Brugge"))
            #expect(letter.text(in: language).contains("42"))
        }
    }

    @Test func compulsoryVotingIsStated() {
        var compulsory = letter
        compulsory.compulsory = true
        #expect(compulsory.text(in: .french).contains("Le vote est obligatoire."))
        #expect(letter.text(in: .french).contains("Le vote n'est pas obligatoire."))
    }
}
