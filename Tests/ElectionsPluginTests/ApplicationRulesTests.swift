import LoketPluginAPI
import Testing

@testable import ElectionsPlugin

@Suite("Applications of non-Belgians")
struct ApplicationRulesTests {
    let rules = ApplicationRules(kind: .municipal, referenceDate: day("2030-08-01"), deadline: day("2030-07-31"))

    func refusal(
        _ nationality: String, on filed: String = "2030-05-01", since: String? = nil, declaration: Bool = false,
        rules: ApplicationRules? = nil
    ) -> ApplicationRefusal? {
        do {
            try (rules ?? self.rules).check(
                nationality: Nationality(nationality), filedOn: day(filed), legalResidenceSince: since.map(day),
                declarationSigned: declaration)
            return nil
        } catch {
            return error
        }
    }

    @Test func euCitizensApplyWithoutDeclaration() {
        #expect(refusal("NL") == nil)
        #expect(refusal("NL", on: "2030-07-31") == nil)
        #expect(refusal("NL", on: "2030-08-01") == .closed)
    }

    @Test func nonEUCitizensNeedFiveYearsAndTheDeclaration() {
        #expect(refusal("MA", since: "2020-01-01") == .declarationMissing)
        #expect(refusal("MA", since: "2025-08-01", declaration: true) == nil)
        #expect(refusal("MA", since: "2025-08-02", declaration: true) == .residenceTooShort)
        #expect(refusal("MA", declaration: true) == .residenceTooShort)
    }

    @Test func belgiansAndClosedKinds() {
        #expect(refusal("BE") == .belgianNeedsNoApplication)
        #expect(refusal("") == .nationalityUnknown)
        let european = ApplicationRules(kind: .european, referenceDate: day("2029-03-01"), deadline: day("2029-02-28"))
        #expect(refusal("FR", on: "2029-01-01", rules: european) == nil)
        #expect(refusal("MA", on: "2029-01-01", since: "2000-01-01", declaration: true, rules: european) == .kindNotOpen)
        let federal = ApplicationRules(kind: .federal, referenceDate: day("2029-03-01"), deadline: day("2029-02-28"))
        #expect(refusal("FR", on: "2029-01-01", rules: federal) == .kindNotOpen)
    }

    @Test func withdrawalUntilTheDeadline() {
        #expect(rules.canWithdraw(on: day("2030-07-31")))
        #expect(!rules.canWithdraw(on: day("2030-08-01")))
    }
}
