import Foundation
import LoketPluginAPI

extension CivilRegistryService {
    func createPerson(
        request: Loket_Civilregistry_V1_CreatePersonRequest, context: ServerContext
    ) async throws -> Person {
        let caller = try context.caller
        let number = try nationalNumber(request.nationalNumber, context)
        let familyName = try name(request.familyName, ActText.familyName, context)
        let givenNames = try name(request.givenNames, ActText.givenNames, context)
        // The number decides sex and birth date where it tells them; a request may repeat them, not contradict.
        var sex = Self.protoSex(number.sex)
        if request.sex != .unspecified {
            if number.sex != nil && request.sex != sex || request.sex == .unknown && number.sex != nil {
                throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.sexMismatch, for: context)
            }
            sex = request.sex
        }
        var birthDate = number.birthDate
        if !request.birthDate.isEmpty {
            let given = try date(request.birthDate, context)
            let agrees =
                (number.birthYear.map { $0 == given.year } ?? true) && (number.birthMonth.map { $0 == given.month } ?? true)
                && (number.birthDay.map { $0 == given.day } ?? true)
            guard agrees else {
                throw plugin.localizer.error(
                    .invalidArgument, CivilRegistryMessages.birthDateMismatch, for: context, request.birthDate)
            }
            birthDate = given
        }
        let birthPlace = try text(request.birthPlace, field: "birth_place", context)
        let nationality = try country(request.nationality, default: "", context)
        // An address, when given, is complete: it becomes the first main residence, from today.
        let residence = try request.address.map { try address($0, context) }
        guard let registerType = Self.registerTypeName(request.registerType) else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.invalidText, for: context, "register_type")
        }
        let birthDateText = birthDate?.description
        let today = Self.belgianDay(plugin.clock.now()).description

        return try await plugin.transaction(context) { transaction in
            try await transaction.audit(
                AuditRecord(.create, subjects: [.person(number.digits)], information: Self.personInformation))
            let rows = try await transaction.query(
                """
                INSERT INTO civil_registry.persons (
                    national_number, family_name, given_names, sex, birth_date, birth_place, nationality,
                    register_type, created_by)
                VALUES (\(number.digits), \(familyName), \(givenNames), \(Self.sexName(sex)), \(birthDateText)::date,
                        \(birthPlace), \(nationality), \(registerType), \(caller.principalName))
                ON CONFLICT (national_number) DO NOTHING
                RETURNING id
                """)
            guard let row = rows.first else {
                throw plugin.localizer.error(
                    .alreadyExists, CivilRegistryMessages.personExists, for: context, number.formatted)
            }
            let id = try row.decode(UUID.self, at: 0)
            if let residence {
                let household = try await transaction.query(
                    "INSERT INTO civil_registry.households DEFAULT VALUES RETURNING id")
                try await insertResidence(
                    person: id, residence, household: try household[0].decode(UUID.self, at: 0), since: today,
                    by: caller.principalName, in: transaction)
            }
            try await flagPossibleDuplicates(of: id, parentage: Parentage(), act: nil, in: transaction)
            try await recordChanges(
                [PendingChange(.personCreated, person: id, informationTypes: InformationType.allCases)], in: transaction)
            let created = try await transaction.query(
                "SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p WHERE p.id = \(id)")
            return try Self.person(created[0])
        }
    }

    func getPerson(request: Loket_Civilregistry_V1_GetPersonRequest, context: ServerContext) async throws -> Person {
        let query: PostgresQuery
        let shown: String
        switch request.key {
        case .nationalNumber(let text):
            let number = try nationalNumber(text, context)
            query = "SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p WHERE p.national_number = \(number.digits)"
            shown = number.formatted
        case .id(let text):
            let id = try uuid(text, context)
            query = "SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p WHERE p.id = \(id)"
            shown = text
        case nil:
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.personKeyMissing, for: context)
        }
        // One statement: a read outside a transaction, its audit record committed with other reads' records.
        return try await plugin.read(context) { read in
            let rows = try await read.query(query)
            guard let row = rows.first else {
                throw plugin.localizer.error(.notFound, CivilRegistryMessages.personNotFound, for: context, shown)
            }
            let person = try Self.person(row)
            read.audit(AuditRecord(.read, subjects: [Self.subject(person)], information: Self.personInformation))
            return person
        }
    }

    func searchPersons(
        request: Loket_Civilregistry_V1_SearchPersonsRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_SearchPersonsResponse {
        let family = request.familyNamePrefix.trimmingCharacters(in: .whitespaces)
        let given = request.givenNamesPrefix.trimmingCharacters(in: .whitespaces)
        let birthDate = request.birthDate.isEmpty ? nil : try date(request.birthDate, context).description
        let postalCode = request.postalCode.trimmingCharacters(in: .whitespaces)
        let street = request.street.trimmingCharacters(in: .whitespaces)
        let houseNumber = request.houseNumber.trimmingCharacters(in: .whitespaces)
        // A search must narrow things down: a name of two characters or more, a birth date or an address.
        guard family.count >= 2 || given.count >= 2 || birthDate != nil || !street.isEmpty || !postalCode.isEmpty
        else {
            throw plugin.localizer.error(.invalidArgument, CivilRegistryMessages.searchCriterionMissing, for: context)
        }
        for (value, field) in [(family, "family_name_prefix"), (given, "given_names_prefix"), (street, "street")] {
            _ = try text(value, field: field, context)
        }
        let limit = request.limit <= 0 || request.limit > 100 ? 100 : Int64(request.limit)
        let familyPattern = family.isEmpty ? nil : Self.likeEscaped(family) + "%"
        let givenPattern = given.isEmpty ? nil : Self.likeEscaped(given) + "%"

        return try await plugin.read(context) { read in
            let rows = try await read.query(
                """
                SELECT \(unsafeRawSQL: Self.personColumns) FROM civil_registry.persons p
                WHERE (\(familyPattern)::text IS NULL OR p.family_name_folded LIKE civil_registry.fold(\(familyPattern)::text))
                  AND (\(givenPattern)::text IS NULL OR p.given_names_folded LIKE civil_registry.fold(\(givenPattern)::text))
                  AND (\(birthDate)::date IS NULL OR p.birth_date = \(birthDate)::date)
                  AND (\(postalCode) = '' OR p.postal_code = \(postalCode))
                  AND (\(street) = '' OR p.street_folded = civil_registry.fold(\(street)))
                  AND (\(houseNumber) = '' OR p.house_number = \(houseNumber))
                ORDER BY p.family_name_folded, p.given_names_folded, p.birth_date, p.id
                LIMIT \(limit)
                """)
            let persons = try rows.map { try Self.person($0) }
            if !persons.isEmpty {
                read.audit(AuditRecord(.read, subjects: persons.map(Self.subject), information: Self.personInformation))
            }
            return .with { $0.persons = persons }
        }
    }
}
