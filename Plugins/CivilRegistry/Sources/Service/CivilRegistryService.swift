import Foundation
import LoketPluginAPI

/// `loket.civilregistry.v1.CivilRegistry`: persons, civil status acts and birth notifications. The handlers live
/// in `CivilRegistryService+<Concern>.swift`.
struct CivilRegistryService: Loket_Civilregistry_V1_CivilRegistryService {
    typealias Person = Loket_Civilregistry_V1_Person
    typealias Act = Loket_Civilregistry_V1_Act

    let plugin: PluginContext

    func validateNationalNumber(
        request: Loket_Civilregistry_V1_ValidateNationalNumberRequest, context: ServerContext
    ) async throws -> Loket_Civilregistry_V1_NationalNumberInfo {
        let number = try nationalNumber(request.nationalNumber, context)
        return .with {
            $0.nationalNumber = number.digits
            $0.formatted = number.formatted
            $0.kind = number.isBis ? .bis : .register
            $0.birthYear = Int32(number.birthYear ?? 0)
            $0.birthMonth = Int32(number.birthMonth ?? 0)
            $0.birthDay = Int32(number.birthDay ?? 0)
            $0.birthDate = number.birthDate?.description ?? ""
            $0.sex = Self.protoSex(number.sex)
            $0.bornFrom2000 = number.bornFrom2000
        }
    }
}
