/// Why a text is not a valid national register number or bis number.
public enum NationalNumberError: Error, Sendable, Hashable {
    /// A character other than a digit, `.`, `-` or a space.
    case notDigits
    /// Not 11 digits (the count found).
    case length(Int)
    /// The check digits match neither the rule before 2000 nor the rule from 2000 on.
    case checkDigits
    /// The month field is neither 00-12, nor 20-32 or 40-52 (bis numbers).
    case month(Int)
    /// The day does not exist in the month (or is above 31 when the month is unknown).
    case day(Int)
    /// The day counter is 000 or 999.
    case sequence(Int)

    /// The key of the message that explains the error (see ``CivilRegistryMessages``).
    public var messageKey: String {
        switch self {
        case .notDigits: CivilRegistryMessages.numberNotDigits
        case .length: CivilRegistryMessages.numberLength
        case .checkDigits: CivilRegistryMessages.numberCheckDigits
        case .month: CivilRegistryMessages.numberMonth
        case .day: CivilRegistryMessages.numberDay
        case .sequence: CivilRegistryMessages.numberSequence
        }
    }
}
