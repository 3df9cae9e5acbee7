import Foundation
import LoketPluginAPI

extension ComplaintsService {
    /// The figures, aggregated by PostgreSQL in one statement: the total, per month of receipt and per main
    /// category (GROUPING SETS), with the survey answers of the cases joined per case first.
    static let analysisCases = """
        SELECT id, kind, main_category, to_char(received_on, 'YYYY-MM') AS month, received_at,
               first_answered_at, answered_at, closed_at,
               first_answered_on <= first_answer_due AS first_on_time,
               answered_on <= final_answer_due AS final_on_time
        FROM feedback.cases
        """

    static let analysisAggregation = """
        ), s AS (
            SELECT i.case_id, count(*) AS invitations, count(r.invitation_id) AS responses,
                   count(*) FILTER (WHERE coalesce(r.satisfied, r.score >= 4)) AS satisfied,
                   count(*) FILTER (WHERE r.satisfied IS NOT NULL OR r.score IS NOT NULL) AS rated,
                   count(*) FILTER (WHERE r.nps >= 9) AS promoters,
                   count(*) FILTER (WHERE r.nps <= 6) AS detractors,
                   count(r.nps) AS recommended
            FROM feedback.invitations i LEFT JOIN feedback.responses r ON r.invitation_id = i.id
            WHERE i.case_id IN (SELECT id FROM c)
            GROUP BY i.case_id
        )
        SELECT GROUPING(c.month)::int AS by_month, GROUPING(c.main_category)::int AS by_category,
               coalesce(c.month, ''), coalesce(c.main_category, ''),
               count(*)::int8, count(*) FILTER (WHERE c.kind = 'complaint')::int8,
               count(c.answered_at)::int8, count(c.closed_at)::int8,
               coalesce(percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM c.first_answered_at - c.received_at)::float8 / 3600), 0)::float8,
               coalesce(percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM c.closed_at - c.received_at)::float8 / 3600), 0)::float8,
               coalesce(avg(c.first_on_time::int), 0)::float8, coalesce(avg(c.final_on_time::int), 0)::float8,
               coalesce(sum(s.invitations), 0)::int8, coalesce(sum(s.responses), 0)::int8,
               coalesce(sum(s.satisfied), 0)::int8, coalesce(sum(s.rated), 0)::int8,
               coalesce(sum(s.promoters), 0)::int8, coalesce(sum(s.detractors), 0)::int8,
               coalesce(sum(s.recommended), 0)::int8
        FROM c LEFT JOIN s ON s.case_id = c.id
        GROUP BY GROUPING SETS ((), (c.month), (c.main_category))
        ORDER BY 1, 2, 3, 4
        """

    func analyze(request: Loket_Feedback_V1_AnalyzeRequest, context: ServerContext) async throws -> Loket_Feedback_V1_AnalyzeResponse {
        let caller = try context.caller
        let department = try scopedDepartment(request.departmentId, caller: caller, context, allowAll: true)
        let category: String? = request.mainCategory.isEmpty ? nil : request.mainCategory
        let from = try optionalDay(request.from, context)
        let to = try optionalDay(request.to, context)
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                WITH c AS (
                    \(unsafeRawSQL: Self.analysisCases)
                    WHERE (\(department)::text IS NULL OR department_id = \(department))
                      AND (\(category)::text IS NULL OR main_category = \(category))
                      AND (\(from)::date IS NULL OR received_on >= \(from))
                      AND (\(to)::date IS NULL OR received_on <= \(to))
                \(unsafeRawSQL: Self.analysisAggregation)
                """)
            var response = Loket_Feedback_V1_AnalyzeResponse()
            response.total = Self.emptyFigures()
            for row in rows {
                let (byMonth, byCategory, month, main) = try row.decode(Int.self, Int.self, String.self, String.self)
                var figures = try Self.figures(row)
                switch (byMonth, byCategory) {
                case (1, 1): response.total = figures
                case (0, 1):
                    figures.group = month
                    response.months.append(figures)
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
