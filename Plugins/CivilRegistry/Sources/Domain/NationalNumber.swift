import LoketPluginAPI

/// A Belgian national register number (rijksregisternummer) or bis number, checked exactly: `YYMMDD SSS CC`.
///
/// - `CC` is 97 minus the first nine digits modulo 97; for people born in 2000 or later the nine digits are read
///   with a `2` in front (`2YYMMDDSSS`), and which of the two rules matches decides the century.
/// - `SSS` runs from 001 to 998: odd for men, even for women.
/// - Month and day may be `00` when unknown; `000001` stands for a birth date not known at all.
/// - A bis number raises the month by 20 (sex unknown) or 40 (sex known).
///
/// The value is only ever built from a number that passed every rule (``init(validating:)``), so its derived
/// properties need no further checks.
public struct NationalNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 11 digits.
    public let digits: String
    /// A register number or a bis number, and with a bis number whether the sex is known.
    public let kind: Kind
    /// Whether the check digits follow the rule for births from 2000 on.
    public let bornFrom2000: Bool
    /// The birth year; nil when the birth date is not known at all (`000001`).
    public let birthYear: Int?
    /// The birth month, 1-12; nil when unknown.
    public let birthMonth: Int?
    /// The birth day, 1-31; nil when unknown.
    public let birthDay: Int?
    /// The day counter, 1-998.
    public let sequence: Int

    /// What kind of number this is.
    public enum Kind: Sendable, Hashable {
        /// A national register number.
        case register
        /// A bis number: month + 40 when the sex is known, + 20 when it is not.
        case bis(sexKnown: Bool)

        /// What is added to the birth month in the number.
        public var monthOffset: Int {
            switch self {
            case .register: 0
            case .bis(let sexKnown): sexKnown ? 40 : 20
            }
        }
    }

    /// A person's sex as a number tells it.
    public enum Sex: String, Sendable, Hashable {
        case male
        case female
    }

    /// Checks `text` (11 digits, optionally with the separators of `YY.MM.DD-SSS.CC` and spaces) against every rule.
    public init(validating text: String) throws(NationalNumberError) {
        // The digits as ASCII, in one allocation: every lookup by number starts here.
        var digits: [UInt8] = []
        digits.reserveCapacity(11)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value))
            case ".", "-", " ": continue
            default: throw .notDigits
            }
        }
        guard digits.count == 11 else { throw .length(digits.count) }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 48) } }

        let base = number(0..<9)
        let check = number(9..<11)
        let bornFrom2000: Bool
        if check == Self.checkDigits(base: base, bornFrom2000: false) {
            bornFrom2000 = false
        } else if check == Self.checkDigits(base: base, bornFrom2000: true) {
            bornFrom2000 = true
        } else {
            throw .checkDigits
        }

        let yearDigits = number(0..<2)
        let monthField = number(2..<4)
        let dayField = number(4..<6)
        let sequence = number(6..<9)

        let kind: Kind
        switch monthField {
        case 0...12: kind = .register
        case 20...32: kind = .bis(sexKnown: false)
        case 40...52: kind = .bis(sexKnown: true)
        default: throw .month(monthField)
        }
        let month = monthField - kind.monthOffset
        guard (1...998).contains(sequence) else { throw .sequence(sequence) }

        let year = (bornFrom2000 ? 2000 : 1900) + yearDigits
        if yearDigits == 0, month == 0, dayField == 1 {
            // `000001`: the birth date is not known at all.
            self.birthYear = nil
            self.birthMonth = nil
            self.birthDay = nil
        } else {
            if dayField != 0 {
                let lastDay = month == 0 ? 31 : Self.daysInMonth(year: year, month: month)
                guard dayField <= lastDay else { throw .day(dayField) }
            }
            self.birthYear = year
            self.birthMonth = month == 0 ? nil : month
            self.birthDay = dayField == 0 ? nil : dayField
        }
        self.digits = String(decoding: digits, as: UTF8.self)
        self.kind = kind
        self.bornFrom2000 = bornFrom2000
        self.sequence = sequence
    }

    /// The sex the number tells: odd counters are men, even counters women; nil for a bis number whose month
    /// says the sex is unknown.
    public var sex: Sex? {
        if case .bis(sexKnown: false) = kind { return nil }
        return sequence % 2 == 1 ? .male : .female
    }

    /// The birth date when year, month and day are all known.
    public var birthDate: CalendarDate? {
        guard let birthYear, let birthMonth, let birthDay else { return nil }
        return CalendarDate(year: birthYear, month: birthMonth, day: birthDay)
    }

    /// Whether this is a bis number.
    public var isBis: Bool { kind != .register }

    /// `YY.MM.DD-SSS.CC`, the usual display form.
    public var formatted: String {
        // From the ASCII bytes in one buffer: every person a read returns is shown this way.
        String(unsafeUninitializedCapacity: digits.utf8.count + 4) { buffer in
            var count = 0
            for (position, byte) in digits.utf8.enumerated() {
                switch position {
                case 2, 4, 9: buffer[count] = UInt8(ascii: "."); count += 1
                case 6: buffer[count] = UInt8(ascii: "-"); count += 1
                default: break
                }
                buffer[count] = byte
                count += 1
            }
            return count
        }
    }

    /// The 11 digits.
    public var description: String { digits }

    /// The check digits for the first nine digits read as `base`: 97 - (base mod 97), with a `2` in front of the
    /// nine digits for births from 2000 on. Always 1 to 97.
    public static func checkDigits(base: Int, bornFrom2000: Bool) -> Int {
        97 - ((bornFrom2000 ? 2_000_000_000 + base : base) % 97)
    }

    /// Days in a month of the Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
