/// The check a national register (or bis) number passes before Elections stores or looks it up: 11 digits
/// (separators of the display form allowed) whose check digits match, for a birth before or from 2000. The civil
/// registry plugin validates numbers in full; Elections only needs to refuse typing errors.
enum NationalNumberCheck {
    /// The 11 digits, or nil when `text` is not a national number.
    static func digits(_ text: String) -> String? {
        let digits = text.filter { $0 != "." && $0 != "-" && $0 != " " }
        guard digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let body = Int(digits.prefix(9)), let check = Int(digits.suffix(2))
        else { return nil }
        let before2000 = 97 - body % 97
        let from2000 = 97 - (2_000_000_000 + body) % 97
        return check == before2000 || check == from2000 ? digits : nil
    }
}
