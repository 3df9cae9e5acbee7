import Foundation
import LoketPluginAPI

extension ElectionsService {
    func createPollingStation(
        request: Loket_Elections_V1_CreatePollingStationRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_PollingStation {
        let id = try uuid(request.electionId, context)
        let code = try text(request.code, field: "code", limit: 20, context)
        let name = try text(request.name, field: "name", context)
        let address = request.address ?? Loket_Elections_V1_Address()
        let street = try text(address.street, field: "address.street", context)
        let house = try text(address.houseNumber, field: "address.house_number", limit: 20, context)
        let box = try text(address.box, field: "address.box", required: false, limit: 20, context)
        let postal = try text(address.postalCode, field: "address.postal_code", limit: 20, context)
        let municipality = try text(address.municipality, field: "address.municipality", context)
        guard request.capacity > 0 else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "capacity")
        }
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, lock: true, in: transaction, context)
            try requireOpenRoll(record, context)
            let rows = try await transaction.query(
                """
                INSERT INTO elections.polling_stations (
                    election_id, code, name, street, house_number, box, postal_code, municipality, capacity, accessible)
                VALUES (\(id), \(code), \(name), \(street), \(house), \(box), \(postal), \(municipality),
                        \(request.capacity), \(request.accessible))
                RETURNING id
                """)
            let station = try rows[0].decode(UUID.self, at: 0)
            try await transaction.audit(
                AuditRecord(.create, subjects: [Self.subject(id), AuditSubject(kind: "polling-station", id: station.uuidString.lowercased())],
                            information: ["polling_station"]))
            return .with {
                $0.id = station.uuidString.lowercased()
                $0.electionId = id.uuidString.lowercased()
                $0.code = code
                $0.name = name
                $0.address = .with {
                    $0.street = street
                    $0.houseNumber = house
                    $0.box = box
                    $0.postalCode = postal
                    $0.municipality = municipality
                }
                $0.capacity = request.capacity
                $0.accessible = request.accessible
            }
        }
    }

    func addStreetSection(
        request: Loket_Elections_V1_AddStreetSectionRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StreetSection {
        let stationID = try uuid(request.stationId, context)
        let street = try text(request.street, field: "street", context)
        guard request.fromNumber >= 0, request.toNumber >= request.fromNumber, request.toNumber <= 99999 else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "to_number")
        }
        guard let parity = Self.parity(request.parity) else {
            throw plugin.localizer.error(.invalidArgument, ElectionsMessages.invalidField, for: context, "parity")
        }
        let section = StreetSection(
            station: stationID.uuidString.lowercased(), street: street, from: Int(request.fromNumber),
            to: Int(request.toNumber), parity: parity)
        return try await plugin.transaction(context) { transaction in
            let electionID = try await stationElection(stationID, transaction, context)
            let record = try await election(electionID, lock: true, in: transaction, context)
            try requireOpenRoll(record, context)
            let existing = try await sections(electionID, transaction)
            if let overlap = existing.first(where: { $0.section.overlaps(section) }) {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.sectionOverlaps, for: context, overlap.code)
            }
            let rows = try await transaction.query(
                """
                INSERT INTO elections.street_sections (election_id, station_id, street, from_number, to_number, parity)
                VALUES (\(electionID), \(stationID), \(street), \(request.fromNumber), \(request.toNumber),
                        \(parity.rawValue))
                RETURNING id
                """)
            try await transaction.audit(
                AuditRecord(.create, subjects: [Self.subject(electionID)], information: ["street_section"]))
            return .with {
                $0.id = (try? rows[0].decode(UUID.self, at: 0).uuidString.lowercased()) ?? ""
                $0.stationId = request.stationId.lowercased()
                $0.street = street
                $0.fromNumber = request.fromNumber
                $0.toNumber = request.toNumber
                $0.parity = Self.protoParity(parity)
            }
        }
    }

    func assignStations(
        request: Loket_Elections_V1_AssignStationsRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StationBalance {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            let record = try await election(id, lock: true, in: transaction, context)
            try requireOpenRoll(record, context)
            guard record.rollGenerated else {
                throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollNotGenerated, for: context)
            }
            try await assignStations(id, transaction)
            try await transaction.audit(
                AuditRecord(.read, subjects: [Self.subject(id)], information: ["roll:address", "roll:station"]))
            return try await balance(id, transaction)
        }
    }

    func getStationBalance(
        request: Loket_Elections_V1_GetStationBalanceRequest, context: ServerContext
    ) async throws -> Loket_Elections_V1_StationBalance {
        let id = try uuid(request.electionId, context)
        return try await plugin.transaction(context) { transaction in
            _ = try await election(id, in: transaction, context)
            return try await balance(id, transaction)
        }
    }

    /// FAILED_PRECONDITION once the roll is closed: stations and assignments change only before.
    func requireOpenRoll(_ record: ElectionRecord, _ context: ServerContext) throws {
        if record.rollClosedAt != nil {
            throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.rollClosed, for: context)
        }
    }

    /// The election a station belongs to, or NOT_FOUND.
    func stationElection(_ station: UUID, _ transaction: Transaction, _ context: ServerContext) async throws -> UUID {
        let rows = try await transaction.query("SELECT election_id FROM elections.polling_stations WHERE id = \(station)")
        guard let row = rows.first else {
            throw plugin.localizer.error(
                .notFound, ElectionsMessages.stationNotFound, for: context, station.uuidString.lowercased())
        }
        return try row.decode(UUID.self, at: 0)
    }

    /// The election's street sections in the order they were added, with their station's code.
    private func sections(
        _ id: UUID, _ transaction: Transaction
    ) async throws -> [(section: StreetSection, code: String)] {
        let rows = try await transaction.query(
            """
            SELECT s.station_id, s.street, s.from_number, s.to_number, s.parity, p.code
            FROM elections.street_sections s JOIN elections.polling_stations p ON p.id = s.station_id
            WHERE s.election_id = \(id) ORDER BY s.created_at, s.id
            """)
        return try rows.map { row in
            let (station, street, from, to, parity, code) = try row.decode(
                UUID.self, String.self, Int32.self, Int32.self, String.self, String.self)
            let section = StreetSection(
                station: station.uuidString.lowercased(), street: street, from: Int(from), to: Int(to),
                parity: Parity(rawValue: parity) ?? .all)
            return (section, code)
        }
    }

    /// Assigns every voter (or only those without a station) to the station of their address.
    func assignStations(_ id: UUID, onlyUnassigned: Bool = false, _ transaction: Transaction) async throws {
        let sections = try await sections(id, transaction).map(\.section)
        let rows = try await transaction.query(
            """
            SELECT person_id, street, house_number FROM elections.roll_entries
            WHERE election_id = \(id) AND included AND (NOT \(onlyUnassigned) OR station_id IS NULL)
            """)
        var persons: [UUID] = []
        var stations: [UUID?] = []
        for row in rows {
            let (person, street, house) = try row.decode(UUID.self, String.self, String.self)
            persons.append(person)
            stations.append(
                StreetSection.station(for: street, houseNumber: house, in: sections).flatMap { UUID(uuidString: $0) })
        }
        if !onlyUnassigned {
            try await transaction.query(
                "UPDATE elections.roll_entries SET station_id = NULL WHERE election_id = \(id) AND NOT included")
        }
        guard !persons.isEmpty else { return }
        try await transaction.query(
            """
            UPDATE elections.roll_entries r SET station_id = t.station
            FROM unnest(\(persons), \(stations)) AS t(person, station)
            WHERE r.election_id = \(id) AND r.person_id = t.person
            """)
    }

    /// Voters per station against capacity, and the voters no section covers.
    func balance(_ id: UUID, _ transaction: Transaction) async throws -> Loket_Elections_V1_StationBalance {
        let rows = try await transaction.query(
            """
            SELECT p.id, p.code, p.name, p.capacity, p.accessible,
                   (SELECT count(*) FROM elections.roll_entries r
                    WHERE r.election_id = p.election_id AND r.included AND r.station_id = p.id)
            FROM elections.polling_stations p WHERE p.election_id = \(id) ORDER BY p.code
            """)
        let stations = try rows.map { row in
            let (station, code, name, capacity, accessible, voters) = try row.decode(
                UUID.self, String.self, String.self, Int32.self, Bool.self, Int.self)
            let load = StationLoad(station: station.uuidString.lowercased(), capacity: Int(capacity), voters: voters)
            return Loket_Elections_V1_StationLoad.with {
                $0.stationId = load.station
                $0.code = code
                $0.name = name
                $0.capacity = capacity
                $0.voters = Int32(voters)
                $0.percentOfCapacity = Int32(load.percentOfCapacity)
                $0.overCapacity = load.isOverCapacity
                $0.accessible = accessible
            }
        }
        let totals = try await transaction.query(
            """
            SELECT count(*), count(*) FILTER (WHERE station_id IS NULL)
            FROM elections.roll_entries WHERE election_id = \(id) AND included
            """)
        let (voters, unassigned) = try totals[0].decode(Int.self, Int.self)
        return .with {
            $0.stations = stations
            $0.voters = Int32(voters)
            $0.unassigned = Int32(unassigned)
        }
    }
}
