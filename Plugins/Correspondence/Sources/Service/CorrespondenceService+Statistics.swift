import Foundation
import LoketPluginAPI

/// Statistics.
extension CorrespondenceService {
    func getStatistics(
        request: Loket_Correspondence_V1_GetStatisticsRequest, context: ServerContext
    ) async throws -> Loket_Correspondence_V1_Statistics {
        let (from, to) = try period(from: request.from, to: request.to, context)
        return try await plugin.transaction(context) { transaction in
            let volumes = try await transaction.query(
                """
                SELECT coalesce(department_id, registered_department, ''), channel, direction, count(*)
                FROM correspondence.items
                WHERE (\(from)::date IS NULL OR received_on >= \(from)::date)
                  AND (\(to)::date IS NULL OR received_on <= \(to)::date)
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """)
            let answered = try await transaction.query(
                """
                SELECT count(*), count(*) FILTER (WHERE answered_on <= due_on),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - registered_at))
                FROM correspondence.items
                WHERE direction = 'in' AND answered_at IS NOT NULL
                  AND (\(from)::date IS NULL OR received_on >= \(from)::date)
                  AND (\(to)::date IS NULL OR received_on <= \(to)::date)
                """)
            var statistics = Loket_Correspondence_V1_Statistics()
            statistics.volumes = try volumes.map { row in
                let (department, channel, direction, count) = try row.decode(
                    String.self, String.self, String.self, Int64.self)
                return .with {
                    $0.departmentId = department
                    $0.channel = Self.proto(channel: channel)
                    $0.direction = Self.proto(Direction(rawValue: direction) ?? .incoming)
                    $0.items = count
                }
            }
            if let row = answered.first {
                let (count, onTime, median) = try row.decode(Int64.self, Int64.self, Double?.self)
                statistics.answered = count
                statistics.answeredOnTime = onTime
                statistics.shareAnsweredOnTime = count == 0 ? 0 : Double(onTime) / Double(count)
                statistics.medianHandlingHours = (median ?? 0) / 3600
            }
            return statistics
        }
    }
}
