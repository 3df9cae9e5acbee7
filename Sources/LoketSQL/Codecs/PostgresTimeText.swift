/// Reads the ISO text forms of `date` and `timestamp[tz]` (the connection sets `DateStyle` to ISO), e.g.
/// `2024-02-29`, `0044-03-15 BC`, `2024-02-29 13:45:07.25+01` and `infinity`.
struct PostgresTimeText {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// A `date`; the infinities are refused.
    mutating func date() throws(PostgresDecodingFailure) -> CalendarDate {
        let (year, month, day) = try datePart()
        let isBC = try era()
        guard bytes.isEmpty else { throw Self.malformed }
        return try Self.calendarDate(year: year, month: month, day: day, isBC: isBC)
    }

    /// A `timestamp[tz]` as microseconds since 2000-01-01 UTC; `infinity` and `-infinity` as the Int64 extremes.
    mutating func timestampMicroseconds() throws(PostgresDecodingFailure) -> Int64 {
        switch String(decoding: bytes, as: UTF8.self) {
        case "infinity": return .max
        case "-infinity": return .min
        default: break
        }
        let (year, month, day) = try datePart()
        try expect(" ")
        let hour = try number(digits: 2)
        try expect(":")
        let minute = try number(digits: 2)
        try expect(":")
        let second = try number(digits: 2)
        var micros = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            var scale = 100_000
            while let digit = digitValue(bytes.first) {
                micros += digit * scale
                scale /= 10
                bytes.removeFirst()
            }
        }
        var offsetSeconds = 0
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            bytes.removeFirst()
            var offset = try number(digits: 2) * 3600
            if bytes.first == UInt8(ascii: ":") {
                bytes.removeFirst()
                offset += try number(digits: 2) * 60
            }
            if bytes.first == UInt8(ascii: ":") {
                bytes.removeFirst()
                offset += try number(digits: 2)
            }
            offsetSeconds = sign == UInt8(ascii: "-") ? -offset : offset
        }
        let isBC = try era()
        guard bytes.isEmpty else { throw Self.malformed }
        let date = try Self.calendarDate(year: year, month: month, day: day, isBC: isBC)
        let days = date.daysSince1970 - CivilDays.postgresEpochOffset
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Int64(seconds) * 1_000_000 + Int64(micros)
    }

    private static let malformed = PostgresDecodingFailure("is not an ISO date or timestamp")

    private static func calendarDate(
        year: Int, month: Int, day: Int, isBC: Bool
    ) throws(PostgresDecodingFailure) -> CalendarDate {
        // PostgreSQL prints 1 BC as year 1 with " BC"; astronomically that is year 0.
        guard let date = CalendarDate(year: isBC ? 1 - year : year, month: month, day: day) else {
            throw malformed
        }
        return date
    }

    private mutating func datePart() throws(PostgresDecodingFailure) -> (Int, Int, Int) {
        var year = 0
        var yearDigits = 0
        while let digit = digitValue(bytes.first) {
            year = year * 10 + digit
            yearDigits += 1
            bytes.removeFirst()
        }
        guard yearDigits >= 4, yearDigits <= 7 else { throw Self.malformed }
        try expect("-")
        let month = try number(digits: 2)
        try expect("-")
        let day = try number(digits: 2)
        return (year, month, day)
    }

    private mutating func era() throws(PostgresDecodingFailure) -> Bool {
        guard !bytes.isEmpty else { return false }
        guard bytes.elementsEqual(" BC".utf8) else { throw Self.malformed }
        bytes.removeAll()
        return true
    }

    private mutating func number(digits: Int) throws(PostgresDecodingFailure) -> Int {
        var value = 0
        for _ in 0..<digits {
            guard let digit = digitValue(bytes.first) else { throw Self.malformed }
            value = value * 10 + digit
            bytes.removeFirst()
        }
        return value
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(PostgresDecodingFailure) {
        guard bytes.first == UInt8(ascii: character) else { throw Self.malformed }
        bytes.removeFirst()
    }

    private func digitValue(_ byte: UInt8?) -> Int? {
        guard let byte, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        return Int(byte - UInt8(ascii: "0"))
    }
}
