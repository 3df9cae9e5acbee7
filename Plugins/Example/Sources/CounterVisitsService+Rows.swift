import Foundation
import LoketPluginAPI

extension CounterVisitsService {
    static let columns = """
        id, national_number, visitor_name, topic, department_id, recorded_by,
        to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        """

    static func visit(_ row: PostgresRow) throws -> Visit {
        let (id, nationalNumber, name, topic, department, recordedBy, recordedAt) = try row.decode(
            UUID.self, String.self, String.self, String.self, String.self, String.self, String.self)
        return .with {
            $0.id = id.uuidString.lowercased()
            $0.nationalNumber = nationalNumber
            $0.visitorName = name
            $0.topic = topic
            $0.departmentId = department
            $0.recordedBy = recordedBy
            $0.recordedAt = recordedAt
        }
    }
}
