import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// Settings for the analysis transaction only. The grouping sets sort every row in scope (the medians cannot be
    /// hashed): with the default work_mem those sorts go to disk. JIT compilation costs more than it saves here. And
    /// the plan is made for the actual filters every time, never as a generic plan of the prepared statement, which
    /// `$1 IS NULL OR ...` would mislead.
    static let analysisSettings = """
        SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true),
               set_config('plan_cache_mode', 'force_custom_plan', true)
        """

    /// The figures, aggregated by PostgreSQL in one statement (see `AnalyzeRequest` for what counts where): one row
    /// per case in scope, with the survey figures of its invitations summed per case beforehand (`surveys`, joined
    /// by hash: no lookup per case), and one per counter-visit invitation in scope, grouped into the total, the
    /// months and the categories by GROUPING SETS. Counter-visit rows have no category: in the category set they
    /// form the group without one, which is `counter_visits`.
    func analyze(
        request: Loket_Feedback_V1_AnalyzeRequest, context: ServerContext
    ) async throws -> Loket_Feedback_V1_AnalyzeResponse {
        let caller = try context.caller
        let department = try scopedDepartment(request.departmentId, caller: caller, context, allowAll: true)
        let category: String? = request.mainCategory.isEmpty ? nil : request.mainCategory
        let from = try optionalDay(request.from, context)
        let to = try optionalDay(request.to, context)
        return try await plugin.transaction(context) { transaction in
            try await transaction.query("\(unsafeRawSQL: Self.analysisSettings)")
            let rows = try await transaction.query(
                """
                WITH surveys AS (
                    SELECT i.case_id, count(*) AS invitations, count(r.invitation_id) AS responses,
                           count(*) FILTER (WHERE coalesce(r.satisfied, r.score >= 4)) AS satisfied,
                           count(*) FILTER (WHERE r.satisfied IS NOT NULL OR r.score IS NOT NULL) AS rated,
                           count(*) FILTER (WHERE r.nps >= 9) AS promoters,
                           count(*) FILTER (WHERE r.nps <= 6) AS detractors,
                           count(r.nps) AS recommended
                    FROM feedback.invitations i LEFT JOIN feedback.responses r ON r.invitation_id = i.id
                    WHERE i.case_id IS NOT NULL
                    GROUP BY i.case_id
                ), facts AS (
                    SELECT date_trunc('month', c.received_on::timestamp) AS month,
                           c.main_category COLLATE "C" AS category, 1 AS cases,
                           (c.kind = 'complaint')::int AS complaints, (c.answered_at IS NOT NULL)::int AS answered,
                           (c.closed_at IS NOT NULL)::int AS closed,
                           extract(epoch FROM c.first_answered_at - c.received_at)::float8 / 3600 AS first_hours,
                           extract(epoch FROM c.closed_at - c.received_at)::float8 / 3600 AS close_hours,
                           (c.first_answered_on <= c.first_answer_due)::int AS first_on_time,
                           (c.answered_on <= c.final_answer_due)::int AS final_on_time,
                           s.invitations, s.responses, s.satisfied, s.rated, s.promoters, s.detractors, s.recommended
                    FROM feedback.cases c LEFT JOIN surveys s ON s.case_id = c.id
                    WHERE (\(department)::text IS NULL OR c.department_id = \(department))
                      AND (\(category)::text IS NULL OR c.main_category = \(category))
                      AND (\(from)::date IS NULL OR c.received_on >= \(from))
                      AND (\(to)::date IS NULL OR c.received_on <= \(to))
                    UNION ALL
                    SELECT date_trunc('month', i.created_at AT TIME ZONE 'Europe/Brussels'), NULL,
                           0, 0, 0, 0, NULL, NULL, NULL, NULL, 1, (r.invitation_id IS NOT NULL)::int,
                           coalesce(r.satisfied, r.score >= 4)::int,
                           (r.satisfied IS NOT NULL OR r.score IS NOT NULL)::int, (r.nps >= 9)::int, (r.nps <= 6)::int,
                           (r.nps IS NOT NULL)::int
                    FROM feedback.invitations i LEFT JOIN feedback.responses r ON r.invitation_id = i.id
                    WHERE i.trigger = 'counter_visit' AND \(category)::text IS NULL
                      AND (\(department)::text IS NULL OR i.department_id = \(department))
                      AND (\(from)::date IS NULL
                           OR i.created_at >= \(from)::timestamp AT TIME ZONE 'Europe/Brussels')
                      AND (\(to)::date IS NULL
                           OR i.created_at < (\(to)::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')
                )
                SELECT GROUPING(month)::int AS by_month, GROUPING(category)::int AS by_category,
                       coalesce(to_char(month, 'YYYY-MM'), ''), coalesce(category, ''),
                       coalesce(sum(cases), 0)::int8, coalesce(sum(complaints), 0)::int8,
                       coalesce(sum(answered), 0)::int8, coalesce(sum(closed), 0)::int8,
                       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY first_hours), 0)::float8,
                       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY close_hours), 0)::float8,
                       coalesce(avg(first_on_time), 0)::float8, coalesce(avg(final_on_time), 0)::float8,
                       coalesce(sum(invitations), 0)::int8, coalesce(sum(responses), 0)::int8,
                       coalesce(sum(satisfied), 0)::int8, coalesce(sum(rated), 0)::int8,
                       coalesce(sum(promoters), 0)::int8, coalesce(sum(detractors), 0)::int8,
                       coalesce(sum(recommended), 0)::int8
                FROM facts
                GROUP BY GROUPING SETS ((), (month), (category))
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
