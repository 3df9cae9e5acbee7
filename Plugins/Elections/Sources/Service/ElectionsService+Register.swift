import Foundation
import LoketPluginAPI

/// Reading the population register: only through `civil_registry.register_residents_v1`, the view the civil
/// registry plugin documents for other plugins. The view is missing when that plugin is disabled on this server
/// (its migrations never ran): every reader checks first and answers FAILED_PRECONDITION.
extension ElectionsService {
    /// FAILED_PRECONDITION unless the civil registry's view exists.
    func requireRegister(in transaction: Transaction, _ context: ServerContext) async throws {
        let rows = try await transaction.query(
            "SELECT to_regclass('civil_registry.register_residents_v1') IS NOT NULL")
        guard try rows.first?.decode(Bool.self, at: 0) == true else {
            throw plugin.localizer.error(.failedPrecondition, ElectionsMessages.registerUnavailable, for: context)
        }
    }

    /// The nationality the register holds for a person with a residence in the election's municipality, or
    /// NOT_FOUND.
    func registeredNationality(
        _ number: String, in record: ElectionRecord, _ transaction: Transaction, _ context: ServerContext
    ) async throws -> Nationality {
        try await requireRegister(in: transaction, context)
        let rows = try await transaction.query(
            """
            SELECT v.nationality FROM civil_registry.register_residents_v1 v
            WHERE v.national_number = \(number) AND lower(v.municipality) = lower(\(record.municipality))
            ORDER BY v.resident_from DESC LIMIT 1
            """)
        guard let row = rows.first else {
            throw plugin.localizer.error(.notFound, ElectionsMessages.personNotInRegister, for: context, number)
        }
        return Nationality(try row.decode(String.self, at: 0))
    }
}
