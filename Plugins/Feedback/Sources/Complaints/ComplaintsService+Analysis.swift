import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// Settings for the analysis transaction only: JIT compilation costs more than it saves on this statement
    /// (~0.4 s over 1,000,000 cases), and the plan is made for the actual filters every time, never as a generic
    /// plan of the prepared statement, which `$1 IS NULL OR ...` would mislead.
    static let analysisSettings = """
        SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)
        """

    /// The figures, aggregated by PostgreSQL in one statement (see `AnalyzeRequest` for what counts where).
    ///
    /// `cells`: the cases in scope counted per month of receipt and main category in one pass, with the survey
    /// figures each case keeps (migration 0003), and the counter-visit surveys in scope per month of the visit,
    /// without a category. `sums`: the cells summed into the total, the months and the categories (GROUPING SETS);
    /// in the category set, the counter visits form the group without a category. `medians`: the hours to the
    /// first answer and to closing of the answered cases in scope, per grouping set. The medians are most of the
    /// cost: they sort every answered case in scope once per grouping set (two thirds of the time over 1,000,000
    /// cases; Benchmarks/README.md).
    func analyze(
        request: Loket_Feedback_V1_AnalyzeRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_AnalyzeResponse {
        let caller = try context.caller
        let department = try scopedDepartment(request.departmentId, caller: caller, context, allowAll: true)
        let category: String? = request.mainCategory.isEmpty ? nil : request.mainCategory
        let from = try optionalDay(request.from, context)
        let to = try optionalDay(request.to, context)
        return try await plugin.transaction(context) { transaction in
            try await requireExisting(request.departmentId, transaction, context)
            try await transaction.query("\(unsafeRawSQL: Self.analysisSettings)")
            let rows = try await transaction.query(
                """
                WITH scope AS NOT MATERIALIZED (
                    SELECT * FROM feedback.cases
                    WHERE (\(department)::text IS NULL OR department_id = \(department))
                      AND (\(category)::text IS NULL OR main_category = \(category))
                      AND (\(from)::date IS NULL OR received_on >= \(from))
                      AND (\(to)::date IS NULL OR received_on <= \(to))
                ), cells AS (
                    SELECT date_trunc('month', received_on::timestamp) AS month,
                           main_category COLLATE "C" AS category, count(*) AS cases,
                           count(*) FILTER (WHERE kind = 'complaint') AS complaints, count(answered_at) AS answered,
                           count(closed_at) AS closed, count(first_answered_on) AS first_answers,
                           count(*) FILTER (WHERE first_answered_on <= first_answer_due) AS first_on_time,
                           count(answered_on) AS final_answers,
                           count(*) FILTER (WHERE answered_on <= final_answer_due) AS final_on_time,
                           sum(survey_invitations) AS invitations, sum(survey_responses) AS responses,
                           sum(survey_rated) AS rated, sum(survey_satisfied) AS satisfied,
                           sum(survey_recommended) AS recommended, sum(survey_promoters) AS promoters,
                           sum(survey_detractors) AS detractors
                    FROM scope
                    GROUP BY 1, 2
                    UNION ALL
                    SELECT date_trunc('month', i.created_at AT TIME ZONE 'Europe/Brussels'), NULL,
                           0, 0, 0, 0, 0, 0, 0, 0, count(*), count(r.invitation_id),
                           count(*) FILTER (WHERE r.satisfied IS NOT NULL OR r.score IS NOT NULL),
                           count(*) FILTER (WHERE coalesce(r.satisfied, r.score >= 4)),
                           count(r.nps), count(*) FILTER (WHERE r.nps >= 9), count(*) FILTER (WHERE r.nps <= 6)
                    FROM feedback.invitations i LEFT JOIN feedback.responses r ON r.invitation_id = i.id
                    WHERE i.trigger = 'counter_visit' AND \(category)::text IS NULL
                      AND (\(department)::text IS NULL OR i.department_id = \(department))
                      AND (\(from)::date IS NULL OR i.created_at >= \(from)::timestamp AT TIME ZONE 'Europe/Brussels')
                      AND (\(to)::date IS NULL
                           OR i.created_at < (\(to)::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')
                    GROUP BY 1
                ), sums AS (
                    SELECT GROUPING(month) AS by_month, GROUPING(category) AS by_category, month, category,
                           sum(cases) AS cases, sum(complaints) AS complaints, sum(answered) AS answered,
                           sum(closed) AS closed, sum(first_answers) AS first_answers,
                           sum(first_on_time) AS first_on_time, sum(final_answers) AS final_answers,
                           sum(final_on_time) AS final_on_time, sum(invitations) AS invitations,
                           sum(responses) AS responses, sum(rated) AS rated, sum(satisfied) AS satisfied,
                           sum(recommended) AS recommended, sum(promoters) AS promoters,
                           sum(detractors) AS detractors
                    FROM cells
                    GROUP BY GROUPING SETS ((), (month), (category))
                ), medians AS (
                    SELECT GROUPING(month) AS by_month, GROUPING(category) AS by_category, month, category,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY first_hours) AS first_hours,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY close_hours) AS close_hours
                    FROM (SELECT date_trunc('month', received_on::timestamp) AS month,
                                 main_category COLLATE "C" AS category,
                                 date_part('epoch', first_answered_at - received_at) / 3600 AS first_hours,
                                 date_part('epoch', closed_at - received_at) / 3600 AS close_hours
                          FROM scope WHERE first_answered_at IS NOT NULL) AS answers
                    GROUP BY GROUPING SETS ((), (month), (category))
                )
                SELECT s.by_month::int, s.by_category::int, coalesce(to_char(s.month, 'YYYY-MM'), ''),
                       coalesce(s.category, ''), coalesce(s.cases, 0)::int8, coalesce(s.complaints, 0)::int8,
                       coalesce(s.answered, 0)::int8, coalesce(s.closed, 0)::int8,
                       coalesce(m.first_hours, 0)::float8, coalesce(m.close_hours, 0)::float8,
                       coalesce(s.first_on_time::float8 / nullif(s.first_answers, 0), 0)::float8,
                       coalesce(s.final_on_time::float8 / nullif(s.final_answers, 0), 0)::float8,
                       coalesce(s.invitations, 0)::int8, coalesce(s.responses, 0)::int8,
                       coalesce(s.satisfied, 0)::int8, coalesce(s.rated, 0)::int8,
                       coalesce(s.promoters, 0)::int8, coalesce(s.detractors, 0)::int8,
                       coalesce(s.recommended, 0)::int8
                FROM sums s LEFT JOIN medians m ON (m.by_month, m.by_category) = (s.by_month, s.by_category)
                    AND m.month IS NOT DISTINCT FROM s.month AND m.category IS NOT DISTINCT FROM s.category
                ORDER BY 1, 2, 3, 4
                """)
            var response = Loket_Feedback_V1_AnalyzeResponse()
            response.total = Self.emptyFigures()
            response.counterVisits = Self.emptyFigures()
            for row in rows {
                let (byMonth, byCategory, month, main) = try row.decode(Int.self, Int.self, String.self, String.self)
                var figures = try Self.figures(row)
                switch (byMonth, byCategory) {
                case (1, 1): response.total = figures
                case (0, 1):
                    figures.group = month
                    response.months.append(figures)
                case (1, 0) where main.isEmpty: response.counterVisits = figures
                default:
                    figures.group = main
                    response.categories.append(figures)
                }
            }
            return response
        }
    }

    static func emptyFigures() -> Loket_Feedback_V1_Figures { Loket_Feedback_V1_Figures() }

    static func figures(_ row: PostgresRow) throws -> Loket_Feedback_V1_Figures {
        func int(_ column: Int) throws -> Int64 { try row.decode(Int64.self, at: column) }
        func double(_ column: Int) throws -> Double { try row.decode(Double.self, at: column) }
        var figures = Loket_Feedback_V1_Figures()
        figures.cases = try int(4)
        figures.complaints = try int(5)
        figures.answered = try int(6)
        figures.closed = try int(7)
        figures.medianHoursToFirstAnswer = try double(8)
        figures.medianHoursToClose = try double(9)
        figures.firstAnswerOnTime = try double(10)
        figures.finalAnswerOnTime = try double(11)
        figures.invitations = try int(12)
        figures.responses = try int(13)
        figures.answerRate = figures.invitations == 0 ? 0 : Double(figures.responses) / Double(figures.invitations)
        let (satisfied, rated) = (try int(14), try int(15))
        figures.csat = rated == 0 ? 0 : 100 * Double(satisfied) / Double(rated)
        let (promoters, detractors, recommended) = (try int(16), try int(17), try int(18))
        figures.nps = recommended == 0 ? 0 : 100 * Double(promoters - detractors) / Double(recommended)
        return figures
    }
}
