import Foundation
import LoketPluginAPI

extension SurveysService {
    /// Checks a survey definition: id, trigger, titles and questions in all four languages, choices for choice
    /// questions.
    func validate(_ survey: Loket_Feedback_V1_Survey, _ context: ServerContext) throws {
        func fail(_ problem: String) -> RPCError {
            plugin.localizer.error(.invalidArgument, FeedbackMessages.invalidSurvey, for: context, problem)
        }
        guard survey.id.wholeMatch(of: /[a-z][a-z0-9-]{0,39}/) != nil else { throw fail("id") }
        guard Self.triggers.contains(survey.trigger) else { throw fail("trigger") }
        guard [survey.titleNl, survey.titleFr, survey.titleDe, survey.titleEn].allSatisfy({ !$0.isBlank }) else {
            throw fail("title")
        }
        guard (1...50).contains(survey.questions.count) else { throw fail("questions") }
        var positions = Set<Int32>()
        for question in survey.questions {
            let label = "question \(question.position)"
            guard question.position > 0, positions.insert(question.position).inserted else { throw fail(label) }
            guard Self.kinds.contains(question.kind) else { throw fail("\(label): kind") }
            guard [question.textNl, question.textFr, question.textDe, question.textEn].allSatisfy({ !$0.isBlank })
            else { throw fail("\(label): text") }
            if question.kind == "choice" {
                var codes = Set<String>()
                guard question.choices.count >= 2,
                    question.choices.allSatisfy({ choice in
                        !choice.code.isBlank && codes.insert(choice.code).inserted
                            && [choice.textNl, choice.textFr, choice.textDe, choice.textEn].allSatisfy { !$0.isBlank }
                    })
                else { throw fail("\(label): choices") }
            } else if !question.choices.isEmpty {
                throw fail("\(label): choices")
            }
        }
    }

    /// The surveys (one, or all), with their questions.
    static func surveys(_ transaction: Transaction, id: String?) async throws -> [Loket_Feedback_V1_Survey] {
        let rows = try await transaction.query(
            """
            SELECT id, trigger, active, reopen_when_unhappy, title_nl, title_fr, title_de, title_en
            FROM feedback.surveys WHERE \(id)::text IS NULL OR id = \(id) ORDER BY id
            """)
        var surveys: [Loket_Feedback_V1_Survey] = []
        for row in rows {
            let (id, trigger, active, reopen, nl, fr, de, en) = try row.decode(
                String.self, String.self, Bool.self, Bool.self, String.self, String.self, String.self, String.self)
            var survey = Loket_Feedback_V1_Survey()
            survey.id = id
            survey.trigger = trigger
            survey.active = active
            survey.reopenWhenUnhappy = reopen
            survey.titleNl = nl
            survey.titleFr = fr
            survey.titleDe = de
            survey.titleEn = en
            survey.questions = try await questions(of: id, transaction)
            surveys.append(survey)
        }
        return surveys
    }

    /// The questions of a survey, by position.
    static func questions(of survey: String, _ transaction: Transaction) async throws -> [Loket_Feedback_V1_Question] {
        let rows = try await transaction.query(
            """
            SELECT position, kind, text_nl, text_fr, text_de, text_en, required, choice_codes, choice_nl, choice_fr,
                   choice_de, choice_en
            FROM feedback.survey_questions WHERE survey_id = \(survey) ORDER BY position
            """)
        return try rows.map { row in
            let (position, kind, nl, fr, de, en, required) = try row.decode(
                Int.self, String.self, String.self, String.self, String.self, String.self, Bool.self)
            let codes = try row.decode([String].self, at: 7)
            let texts = try (8...11).map { try row.decode([String].self, at: $0) }
            var question = Loket_Feedback_V1_Question()
            question.position = Int32(clamping: position)
            question.kind = kind
            question.textNl = nl
            question.textFr = fr
            question.textDe = de
            question.textEn = en
            question.required = required
            question.choices = codes.indices.map { index in
                .with {
                    $0.code = codes[index]
                    $0.textNl = texts[0].indices.contains(index) ? texts[0][index] : ""
                    $0.textFr = texts[1].indices.contains(index) ? texts[1][index] : ""
                    $0.textDe = texts[2].indices.contains(index) ? texts[2][index] : ""
                    $0.textEn = texts[3].indices.contains(index) ? texts[3][index] : ""
                }
            }
            return question
        }
    }
}
