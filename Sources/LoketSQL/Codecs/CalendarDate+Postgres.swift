extension CalendarDate: PostgresCodable {
    /// `date`.
    public static var postgresType: PostgresDataType { .date }
    /// Binary: days since 2000-01-01 as a 32-bit integer.
    public static var postgresFormat: PostgresFormat { .binary }
    /// The day number, big-endian.
    public func encode(into bytes: inout [UInt8]) {
        bytes.appendBigEndian(Int32(truncatingIfNeeded: daysSince1970 - CivilDays.postgresEpochOffset))
    }

    /// Reads `date`; its infinities have no calendar day and are refused.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> CalendarDate {
        switch (type, format) {
        case (.date, .binary):
            var reader = BinaryReader(bytes)
            let days = try reader.read(Int32.self)
            guard days != .max, days != .min else { throw PostgresDecodingFailure("is infinite") }
            return CalendarDate(daysSince1970: Int(days) + CivilDays.postgresEpochOffset)
        case (.date, .text):
            var scanner = PostgresTimeText(bytes)
            return try scanner.date()
        default:
            throw .unsupported(type, format)
        }
    }
}
