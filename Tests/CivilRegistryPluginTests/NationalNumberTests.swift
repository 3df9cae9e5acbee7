import LoketPluginAPI
import Testing

@testable import CivilRegistryPlugin

@Suite("National register numbers and bis numbers")
struct NationalNumberTests {
    // Check digits worked out by hand: 97 - (850730033 mod 97) = 28.
    @Test("a number born before 2000: birth date, sex, century and display form")
    func before2000() throws {
        let number = try NationalNumber(validating: "85073003328")
        #expect(number.kind == .register)
        #expect(!number.bornFrom2000)
        #expect(number.birthDate == CalendarDate(year: 1985, month: 7, day: 30))
        #expect(number.sequence == 33)
        #expect(number.sex == .male)
        #expect(number.formatted == "85.07.30-033.28")
        #expect(number.digits == "85073003328")
        #expect(!number.isBis)
    }

    @Test("the display form and spaces are accepted as input")
    func separators() throws {
        #expect(try NationalNumber(validating: "85.07.30-033.28").digits == "85073003328")
        #expect(try NationalNumber(validating: " 850730 033 28 ").digits == "85073003328")
    }

    @Test("the 2000 rule: a 2 in front of the nine digits, and the century follows from the rule that matches")
    func from2000() throws {
        // 97 - (2170101001 mod 97) = 71, while the pre-2000 rule would give 42.
        let number = try NationalNumber(validating: "17010100171")
        #expect(number.bornFrom2000)
        #expect(number.birthDate == CalendarDate(year: 2017, month: 1, day: 1))
        #expect(number.sex == .male)
        let before = try NationalNumber(validating: "17010100142")
        #expect(!before.bornFrom2000)
        #expect(before.birthDate == CalendarDate(year: 1917, month: 1, day: 1))
        // Born on 1 January 2000, a girl.
        let millennium = try NationalNumber(validating: "00010100204")
        #expect(millennium.birthDate == CalendarDate(year: 2000, month: 1, day: 1))
        #expect(millennium.sex == .female)
        #expect(try NationalNumber(validating: "00010100272").birthYear == 1900)
    }

    @Test("check digits of 97, when the remainder is 0, under both rules")
    func checkDigits97() throws {
        #expect(NationalNumber.checkDigits(base: 850101016, bornFrom2000: false) == 97)
        #expect(try NationalNumber(validating: "85010101697").birthYear == 1985)
        #expect(NationalNumber.checkDigits(base: 90101001, bornFrom2000: true) == 97)
        #expect(try NationalNumber(validating: "09010100197").birthYear == 2009)
    }

    @Test("wrong check digits are refused", arguments: ["85073003329", "85073003327", "85073003300", "17010100170", "85073003398", "85073003399"])
    func wrongCheckDigits(text: String) {
        #expect(throws: NationalNumberError.checkDigits) { try NationalNumber(validating: text) }
    }

    @Test("a digit changed anywhere is caught", arguments: 0..<9)
    func singleDigitChange(position: Int) {
        var digits = Array("85073003328")
        digits[position] = digits[position] == "9" ? "0" : Character(String((Int(String(digits[position])) ?? 0) + 1))
        #expect(throws: (any Error).self) { try NationalNumber(validating: String(digits)) }
    }

    @Test("length and characters", arguments: [
        ("", NationalNumberError.length(0)), ("8507300332", .length(10)), ("850730033288", .length(12)),
        ("8507300332A", .notDigits), ("85/07/30-033.28", .notDigits), ("８5073003328", .notDigits),
    ])
    func shape(text: String, error: NationalNumberError) {
        #expect(throws: error) { try NationalNumber(validating: text) }
    }

    @Test("women have even, men odd day counters")
    func sexFromSequence() throws {
        #expect(try NationalNumber(validating: "85073003328").sex == .male)
        #expect(try NationalNumber(validating: "00010100204").sex == .female)
        #expect(try NationalNumber(validating: "99123199742").sequence == 997)
        #expect(try NationalNumber(validating: "99123199742").sex == .male)
        #expect(try NationalNumber(validating: "99123199841").sex == .female)
    }

    @Test("day counters 000 and 999 do not exist")
    func sequenceBounds() throws {
        #expect(throws: NationalNumberError.sequence(0)) { try NationalNumber(validating: "85073000061") }
        let base = 850730999
        let check = NationalNumber.checkDigits(base: base, bornFrom2000: false)
        #expect(throws: NationalNumberError.sequence(999)) {
            try NationalNumber(validating: "\(base)\(check < 10 ? "0" : "")\(check)")
        }
    }

    @Test("unknown month or day (00)")
    func unknownParts() throws {
        let month = try NationalNumber(validating: "85003003376")
        #expect(month.birthYear == 1985)
        #expect(month.birthMonth == nil)
        #expect(month.birthDay == 30)
        #expect(month.birthDate == nil)
        let day = try NationalNumber(validating: "85070003355")
        #expect(day.birthMonth == 7)
        #expect(day.birthDay == nil)
        #expect(day.birthDate == nil)
        #expect(day.sex == .male)
        // Both unknown, the highest counter.
        let both = try NationalNumber(validating: "85070099761")
        #expect(both.birthMonth == 7 && both.birthDay == nil && both.sequence == 997)
    }

    @Test("000001: a birth date not known at all, under either rule")
    func fullyUnknown() throws {
        let number = try NationalNumber(validating: "00000100166")
        #expect(number.birthYear == nil && number.birthMonth == nil && number.birthDay == nil)
        #expect(number.birthDate == nil)
        #expect(number.sex == .male)
        let woman = try NationalNumber(validating: "00000100294")
        #expect(woman.bornFrom2000)
        #expect(woman.birthYear == nil)
        #expect(woman.sex == .female)
    }

    @Test("bis numbers: month + 40 with the sex known")
    func bisSexKnown() throws {
        let number = try NationalNumber(validating: "85473003416")
        #expect(number.kind == .bis(sexKnown: true))
        #expect(number.isBis)
        #expect(number.birthDate == CalendarDate(year: 1985, month: 7, day: 30))
        #expect(number.sex == .female)
    }

    @Test("bis numbers: month + 20 with the sex unknown, whatever the counter")
    func bisSexUnknown() throws {
        let number = try NationalNumber(validating: "85273003371")
        #expect(number.kind == .bis(sexKnown: false))
        #expect(number.birthDate == CalendarDate(year: 1985, month: 7, day: 30))
        #expect(number.sex == nil)
        // A bis number with February 31 (month 22) is refused on the day.
        #expect(throws: NationalNumberError.day(31)) { try NationalNumber(validating: "85223100138") }
    }

    @Test("bis month bounds: 20-32 and 40-52 exist, 13-19, 33-39 and 53+ do not")
    func bisMonthBounds() throws {
        for month in [13, 19, 33, 39, 53, 60, 99] {
            let base = 85_00_00_001 + month * 100_000
            let text = number(base: base, bornFrom2000: false)
            #expect(throws: NationalNumberError.month(month)) { try NationalNumber(validating: text) }
        }
        for month in [20, 32, 40, 52] {
            let base = 85_00_01_001 + month * 100_000
            #expect(try NationalNumber(validating: number(base: base, bornFrom2000: false)).isBis)
        }
        // Month 20 / 40 is the bis form of an unknown month.
        #expect(try NationalNumber(validating: number(base: 852001001, bornFrom2000: false)).birthMonth == nil)
    }

    @Test("days that do not exist in their month; leap years by century")
    func days() throws {
        #expect(throws: NationalNumberError.day(31)) { try NationalNumber(validating: "85023100192") }
        #expect(throws: NationalNumberError.day(32)) {
            try NationalNumber(validating: number(base: 850132001, bornFrom2000: false))
        }
        #expect(throws: NationalNumberError.day(32)) {
            try NationalNumber(validating: number(base: 850032001, bornFrom2000: false))
        }
        #expect(try NationalNumber(validating: "84022900134").birthDate == CalendarDate(year: 1984, month: 2, day: 29))
        // 29 February 2000 exists (2000 is a leap year); 29 February 1900 does not.
        #expect(try NationalNumber(validating: "00022900145").birthDate == CalendarDate(year: 2000, month: 2, day: 29))
        #expect(throws: NationalNumberError.day(29)) { try NationalNumber(validating: "00022900116") }
        // 2001 is not a leap year.
        #expect(throws: NationalNumberError.day(29)) {
            try NationalNumber(validating: number(base: 10229001, bornFrom2000: true))
        }
        #expect(try NationalNumber(validating: number(base: 240430002, bornFrom2000: true)).birthDay == 30)
        #expect(throws: NationalNumberError.day(31)) {
            try NationalNumber(validating: number(base: 240431002, bornFrom2000: true))
        }
    }

    @Test("months 13 to 19 are refused")
    func monthThirteen() {
        #expect(throws: NationalNumberError.month(13)) { try NationalNumber(validating: "85133000105") }
    }

    @Test("every error has a message in the catalog")
    func messages() {
        let errors: [NationalNumberError] = [.notDigits, .length(3), .checkDigits, .month(13), .day(32), .sequence(0)]
        for error in errors {
            #expect(CivilRegistryMessages.catalog[error.messageKey] != nil)
        }
    }

    /// The 11 digits for nine digits `base` with the right check digits.
    private func number(base: Int, bornFrom2000: Bool) -> String {
        let nine = String(base)
        let check = NationalNumber.checkDigits(base: base, bornFrom2000: bornFrom2000)
        return String(repeating: "0", count: 9 - nine.count) + nine + (check < 10 ? "0" : "") + String(check)
    }
}
