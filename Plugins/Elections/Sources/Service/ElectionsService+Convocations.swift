import Foundation
import LoketPluginAPI

extension ElectionsService {
    /// Letters written per transaction and per progress message.
    static let convocationChunk = 500

    func generateConvocations(
        request: Loket_Elections_V1_GenerateConvocationsRequest,
        response: ResponseWriter<Loket_Elections_V1_ConvocationProgress>, context: ServerContext
    ) async throws {
        let id = try uuid(request.electionId, context)
        // Read the voters and their stations once; then write the letters a chunk per transaction, reporting
        // progress after each, so that a large batch neither holds one long transaction nor stays silent.
        let (record, voters) = try await plugin.transaction(context) { transaction in
            let record = try await election(id, in: transaction, context)
            guard record.rollGenerated else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollNotGenerated, for: context)
            }
            let unassigned = try await transaction.query(
                """
                SELECT count(*) FROM elections.roll_entries
                WHERE election_id = \(id) AND included AND station_id IS NULL
                """)
            let missing = try unassigned[0].decode(Int.self, at: 0)
            guard missing == 0 else {
                throw plugin.localizer.error(
                    .failedPrecondition, ElectionsMessages.votersUnassigned, for: context, String(missing))
            }
            let rows = try await transaction.query(
                """
                SELECT r.national_number, r.given_names || ' ' || r.family_name,
                       r.street || ' ' || r.house_number || CASE WHEN r.box = '' THEN '' ELSE ' ' || r.box END
                           || ', ' || r.postal_code || ' ' || r.municipality,
                       r.voter_number, p.id, p.name,
                       p.street || ' ' || p.house_number || ', ' || p.postal_code || ' ' || p.municipality,
                       l.language
                FROM elections.roll_entries r
                JOIN elections.polling_stations p ON p.id = r.station_id
                LEFT JOIN elections.voter_languages l
                       ON l.election_id = r.election_id AND l.national_number = r.national_number
                WHERE r.election_id = \(id) AND r.included
                ORDER BY r.voter_number
                """)
            return (record, rows)
        }
        let total = Int32(voters.count)
        var done: Int32 = 0
        var byLanguage: [String: Int32] = [:]
        var start = 0
        while start < voters.count {
            let end = min(start + Self.convocationChunk, voters.count)
            var numbers: [String] = []
            var languages: [String] = []
            var stations: [UUID] = []
            var texts: [String] = []
            for index in start..<end {
                let row = voters[index]
                let (number, name, address, voterNumber, station, stationName, stationAddress) = try row.decode(
                    String.self, String.self, String.self, Int32.self, UUID.self, String.self, String.self)
                let language = record.documentLanguage(chosen: try row.decode(String?.self, at: 7))
                let letter = ConvocationLetter(
                    voterName: name, voterAddress: address, voterNumber: Int(voterNumber), electionName: record.name,
                    electionDay: record.electionDay, opensAt: record.opensAt, closesAt: record.closesAt,
                    stationName: stationName, stationAddress: stationAddress, compulsory: record.compulsory)
                numbers.append(number)
                languages.append(language.rawValue)
                stations.append(station)
                texts.append(letter.text(in: language))
                byLanguage[language.rawValue, default: 0] += 1
            }
            let chunkNumbers = numbers
            try await plugin.transaction(context) { transaction in
                try await transaction.query(
                    """
                    INSERT INTO elections.convocations (election_id, national_number, language, station_id, text)
                    SELECT \(id), t.number, t.language, t.station, t.text
                    FROM unnest(\(numbers), \(languages), \(stations), \(texts)) AS t(number, language, station, text)
                    ON CONFLICT (election_id, national_number) DO UPDATE
                        SET language = excluded.language, station_id = excluded.station_id, text = excluded.text,
                            created_at = now()
                    """)
                try await transaction.audit(
                    AuditRecord(.create, subjects: [Self.subject(id)],
                                information: ["convocations:\(chunkNumbers.count)", "name", "address", "electoral:roll"]))
            }
            done += Int32(end - start)
            start = end
            let progress = byLanguage
            let finished = start >= voters.count
            try await response.write(.with {
                $0.done = done
                $0.total = total
                $0.byLanguage = progress
                $0.finished = finished
            })
        }
        if voters.isEmpty {
            try await response.write(.with { $0.finished = true })
        }
    }

    func getConvocation(
        request: Loket_Elections_V1_GetConvocationRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_Convocation {
        let id = try uuid(request.electionId, context)
        let number = try nationalNumber(request.nationalNumber, context)
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            let rows = try await transaction.query(
                """
                SELECT language, coalesce(station_id::text, ''), text FROM elections.convocations
                WHERE election_id = \(id) AND national_number = \(number)
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, ElectionsMessages.convocationNotFound, for: context, number)
            }
            let (language, station, text) = try row.decode(String.self, String.self, String.self)
            try await transaction.audit(
                AuditRecord(.read, subjects: [.person(number), Self.subject(id)],
                            information: ["electoral:convocation", "name", "address"]))
            return .with {
                $0.electionId = id.uuidString.lowercased()
                $0.nationalNumber = number
                $0.language = language
                $0.stationId = station
                $0.text = text
            }
        }
    }
}
