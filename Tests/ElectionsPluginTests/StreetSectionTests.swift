import Testing

@testable import ElectionsPlugin

@Suite("Polling station assignment by street section")
struct StreetSectionTests {
    let sections = [
        StreetSection(station: "S1", street: "Steenstraat", from: 1, to: 99, parity: .odd),
        StreetSection(station: "S2", street: "Steenstraat", from: 2, to: 200, parity: .even),
        StreetSection(station: "S3", street: "Rue de l'Église", from: 1, to: 50, parity: .all),
    ]

    @Test func addressesFindTheirSection() {
        #expect(StreetSection.station(for: "steenstraat", houseNumber: "17", in: sections) == "S1")
        #expect(StreetSection.station(for: "Steenstraat", houseNumber: "18B", in: sections) == "S2")
        #expect(StreetSection.station(for: "RUE DE L'EGLISE", houseNumber: " 3 bus 2", in: sections) == "S3")
        #expect(StreetSection.station(for: "Steenstraat", houseNumber: "101", in: sections) == nil)
        #expect(StreetSection.station(for: "Steenstraat", houseNumber: "A", in: sections) == nil)
        #expect(StreetSection.station(for: "Markt", houseNumber: "1", in: sections) == nil)
    }

    @Test func overlapsRespectParity() {
        #expect(!sections[0].overlaps(sections[1]))
        let all = StreetSection(station: "S4", street: "STEENSTRAAT", from: 99, to: 120, parity: .all)
        #expect(all.overlaps(sections[0]) && all.overlaps(sections[1]))
        let oddHigh = StreetSection(station: "S5", street: "Steenstraat", from: 100, to: 100, parity: .odd)
        #expect(!oddHigh.overlaps(sections[0]))
        let evenSingle = StreetSection(station: "S6", street: "Steenstraat", from: 1, to: 1, parity: .all)
        #expect(!evenSingle.overlaps(sections[1]))
    }

    @Test func balance() {
        #expect(StationLoad(station: "S1", capacity: 800, voters: 400).percentOfCapacity == 50)
        #expect(StationLoad(station: "S1", capacity: 800, voters: 801).isOverCapacity)
        #expect(StationLoad(station: "S1", capacity: 0, voters: 1).percentOfCapacity == 0)
    }
}

@Suite("National number check")
struct NationalNumberCheckTests {
    @Test func checkDigitsBothCenturies() {
        #expect(NationalNumberCheck.digits("85.07.30-033.28") == "85073003328")
        #expect(NationalNumberCheck.digits("17010100171") == "17010100171")
        #expect(NationalNumberCheck.digits("85073003329") == nil)
        #expect(NationalNumberCheck.digits("8507300332") == nil)
        #expect(NationalNumberCheck.digits("8507300332x") == nil)
    }
}
