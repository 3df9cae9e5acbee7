import Foundation
import LoketPluginAPI

/// `loket.example.v1.CounterVisits`. Every visit belongs to the department that recorded it, and only that
/// department sees it.
struct CounterVisitsService: Loket_Example_V1_CounterVisitsService {
    typealias Visit = Loket_Example_V1_Visit

    let plugin: PluginContext

    func recordVisit(request: Loket_Example_V1_RecordVisitRequest, context: ServerContext) async throws -> Visit {
        let caller = try context.caller
        try validate(request, context)
        return try await plugin.transaction(context) { transaction in
            // The audit record goes first: should the insert fail (an unknown topic), the rollback takes both.
            try await transaction.audit(
                AuditRecord(
                    .create, subjects: [.person(request.nationalNumber)],
                    information: ["visitor_name", "topic"]))
            let rows = try await transaction.query(
                """
                INSERT INTO example.visits (national_number, visitor_name, topic, department_id, recorded_by)
                VALUES (\(request.nationalNumber), \(request.visitorName), \(request.topic), \(caller.department),
                        \(caller.principalName))
                RETURNING \(unsafeRawSQL: Self.columns)
                """)
            return try Self.visit(rows[0])
        }
    }

    func getVisit(request: Loket_Example_V1_GetVisitRequest, context: ServerContext) async throws -> Visit {
        let caller = try context.caller
        guard let id = UUID(uuidString: request.id) else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.notFound, for: context, request.id)
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.columns) FROM example.visits
                WHERE id = \(id) AND department_id = \(caller.department)
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, VisitMessages.notFound, for: context, request.id)
            }
            let visit = try Self.visit(row)
            try await transaction.audit(
                AuditRecord(.read, subjects: [.person(visit.nationalNumber)], information: ["visitor_name", "topic"]))
            return visit
        }
    }

    func listVisits(
        request: Loket_Example_V1_ListVisitsRequest, context: ServerContext
    ) async throws -> Loket_Example_V1_ListVisitsResponse {
        let caller = try context.caller
        guard Self.isNationalNumber(request.nationalNumber) else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.invalidNationalNumber, for: context)
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT \(unsafeRawSQL: Self.columns) FROM example.visits
                WHERE national_number = \(request.nationalNumber) AND department_id = \(caller.department)
                ORDER BY recorded_at DESC LIMIT 100
                """)
            try await transaction.audit(
                AuditRecord(
                    .read, subjects: [.person(request.nationalNumber)], information: ["visitor_name", "topic"]))
            return .with { $0.visits = rows.compactMap { try? Self.visit($0) } }
        }
    }

    func countVisits(
        request: Loket_Example_V1_CountVisitsRequest, context: ServerContext
    ) async throws -> Loket_Example_V1_CountVisitsResponse {
        let caller = try context.caller
        let day = request.day.isEmpty ? Self.isoDay(plugin.clock.now()) : request.day
        guard Self.isDay(day) else {
            throw plugin.localizer.error(.invalidArgument, VisitMessages.invalidDay, for: context, day)
        }
        return try await plugin.transaction(context) { transaction in
            let rows = try await transaction.query(
                """
                SELECT topic, count(*) FROM example.visits
                WHERE department_id = \(caller.department)
                  AND recorded_at >= \(day)::date AND recorded_at < \(day)::date + 1
                GROUP BY topic ORDER BY topic
                """)
            return .with { response in
                response.day = day
                response.topics = rows.compactMap { row in
                    guard let (topic, count) = try? row.decode(String.self, Int64.self) else { return nil }
                    return .with {
                        $0.topic = topic
                        $0.visits = count
                    }
                }
            }
        }
    }
}
