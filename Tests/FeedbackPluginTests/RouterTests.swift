import Testing

@testable import FeedbackPlugin

@Suite struct RouterTests {
    let router = Router(rules: [
        RoutingRule(position: 30, department: "onthaal"),
        RoutingRule(position: 10, mainCategory: "roads", channel: "letter", department: "secretariaat"),
        RoutingRule(position: 20, mainCategory: "roads", department: "openbare-werken"),
        RoutingRule(position: 5, keywords: ["Asbest", "gevaar"], department: "milieu"),
    ])

    func subject(_ main: String, _ channel: String = "web", text: String = "Een put in de straat") -> RoutingSubject {
        RoutingSubject(mainCategory: main, subCategory: "pothole", channel: channel, text: text)
    }

    @Test func theFirstMatchingRuleInOrderWins() {
        #expect(router.route(subject("roads"), fallback: "x").department == "openbare-werken")
        #expect(router.route(subject("roads", "letter"), fallback: "x").rule?.position == 10)
        #expect(router.route(subject("waste"), fallback: "x").department == "onthaal")
    }

    @Test func keywordsMatchCaseInsensitively() {
        #expect(router.route(subject("roads", text: "ASBEST op de stoep"), fallback: "x").department == "milieu")
    }

    @Test func withoutAMatchTheFallbackKeepsTheCase() {
        let narrow = Router(rules: [RoutingRule(position: 1, subCategory: "lighting", department: "werken")])
        let routed = narrow.route(subject("roads"), fallback: "onthaal")
        #expect(routed.department == "onthaal" && routed.rule == nil)
    }
}

@Suite struct SurveyVerdictTests {
    @Test func unhappyAnswers() {
        #expect(SurveyVerdict(satisfied: false).isUnhappy)
        #expect(SurveyVerdict(score: 2).isUnhappy)
        #expect(SurveyVerdict(nps: 6).isUnhappy)
        #expect(!SurveyVerdict(satisfied: true, score: 3, nps: 7).isUnhappy)
        #expect(!SurveyVerdict().isUnhappy)
    }
}
