import LoketPluginAPI
import Testing

@testable import ElectionsPlugin

func day(_ text: String) -> CalendarDate {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, let date = CalendarDate(year: parts[0], month: parts[1], day: parts[2]) else {
        fatalError("bad test date \(text)")
    }
    return date
}

@Suite("Eligibility for the electoral roll")
struct EligibilityTests {
    let municipal = Eligibility(kind: .municipal, electionDay: day("2030-10-13"), referenceDate: day("2030-08-01"))

    func facts(
        born: String? = "1980-05-05", nationality: String = "BE", resident: Bool = true, died: String? = nil,
        application: ApplicationStatus? = nil, deprivations: [Deprivation] = []
    ) -> EligibilityFacts {
        EligibilityFacts(
            birthDate: born.map(day), nationality: Nationality(nationality), residentOnReferenceDate: resident,
            dateOfDeath: died.map(day), application: application, deprivations: deprivations)
    }

    @Test func aBelgianAdultResidentIsIncluded() {
        #expect(municipal.decide(facts()) == .belgianCitizen)
        #expect(municipal.exclusions(facts()).isEmpty)
    }

    @Test func eighteenOnElectionDayCountsABirthdayOnElectionDay() {
        #expect(municipal.decide(facts(born: "2012-10-13")) == .belgianCitizen)
        #expect(municipal.decide(facts(born: "2012-10-14")) == .under18)
        #expect(municipal.decide(facts(born: "2012-10-12")) == .belgianCitizen)
    }

    @Test func aLeapDayBirthdayFallsOnFirstMarch() {
        let march = Eligibility(kind: .federal, electionDay: day("2030-02-28"), referenceDate: day("2030-01-01"))
        #expect(march.decide(facts(born: "2012-02-29")) == .under18)
        let first = Eligibility(kind: .federal, electionDay: day("2030-03-01"), referenceDate: day("2030-01-01"))
        #expect(first.decide(facts(born: "2012-02-29")) == .belgianCitizen)
    }

    @Test func residenceOnTheReferenceDateDecides() {
        // Moved away after the reference date: still registered on it.
        #expect(municipal.decide(facts(resident: true)) == .belgianCitizen)
        #expect(municipal.decide(facts(resident: false)) == .notResidentOnReferenceDate)
    }

    @Test func euCitizensNeedAnApprovedApplicationForMunicipalAndEuropeanElections() {
        #expect(municipal.decide(facts(nationality: "NL")) == .noApplication)
        #expect(municipal.decide(facts(nationality: "NL", application: .pending)) == .applicationNotApproved)
        #expect(municipal.decide(facts(nationality: "NL", application: .refused)) == .applicationNotApproved)
        #expect(municipal.decide(facts(nationality: "NL", application: .withdrawn)) == .applicationNotApproved)
        #expect(municipal.decide(facts(nationality: "NL", application: .approved)) == .euApplicationApproved)
        let european = Eligibility(kind: .european, electionDay: day("2029-06-10"), referenceDate: day("2029-03-01"))
        #expect(european.decide(facts(nationality: "fr", application: .approved)) == .euApplicationApproved)
        let federal = Eligibility(kind: .federal, electionDay: day("2029-06-10"), referenceDate: day("2029-03-01"))
        #expect(federal.decide(facts(nationality: "FR", application: .approved)) == .nationalityNotAdmitted)
    }

    @Test func nonEUCitizensOnlyForMunicipalElections() {
        #expect(municipal.decide(facts(nationality: "MA", application: .approved)) == .nonEUApplicationApproved)
        #expect(municipal.decide(facts(nationality: "MA")) == .noApplication)
        let european = Eligibility(kind: .european, electionDay: day("2029-06-10"), referenceDate: day("2029-03-01"))
        #expect(european.decide(facts(nationality: "MA", application: .approved)) == .nationalityNotAdmitted)
        #expect(municipal.decide(facts(nationality: "")) == .noApplication)
    }

    @Test func deprivedUntilADate() {
        let until = Deprivation(from: day("2025-01-01"), until: day("2030-10-14"))
        #expect(municipal.decide(facts(deprivations: [until])) == .deprivedOfVotingRights)
        let endsOnElectionDay = Deprivation(from: day("2025-01-01"), until: day("2030-10-13"))
        #expect(municipal.decide(facts(deprivations: [endsOnElectionDay])) == .belgianCitizen)
        let later = Deprivation(from: day("2030-10-14"), until: nil)
        #expect(municipal.decide(facts(deprivations: [later])) == .belgianCitizen)
        let open = Deprivation(from: day("2020-10-14"), until: nil)
        #expect(municipal.decide(facts(deprivations: [open])) == .deprivedOfVotingRights)
    }

    @Test func deathAndUnknownBirthDateExclude() {
        #expect(municipal.decide(facts(died: "2030-09-01")) == .deceased)
        #expect(municipal.decide(facts(died: "2030-10-14")) == .belgianCitizen)
        #expect(municipal.decide(facts(born: nil)) == .birthDateUnknown)
    }

    @Test func everyExclusionIsListedInOrder() {
        let all = municipal.exclusions(
            facts(born: "2015-01-01", nationality: "US", resident: false,
                  deprivations: [Deprivation(from: day("2020-01-01"), until: nil)]))
        #expect(all == [.notResidentOnReferenceDate, .under18, .noApplication, .deprivedOfVotingRights])
    }

    @Test func everyRuleCodeHasATextInFourLanguages() {
        let codes = EligibilityRule.allCases.map(\.rawValue) + ApplicationRefusal.allCases.map(\.rawValue)
            + ProxyRefusal.allCases.map(\.rawValue) + ResultRefusal.allCases.map(\.rawValue)
        for code in codes {
            let text = RuleText.text(code)
            #expect(text != nil, "no text for \(code)")
            for language in Language.allCases { #expect(!(text?.text(in: language).isEmpty ?? true)) }
        }
        #expect(Set(codes).count == codes.count)
    }
}
