import Foundation

extension Date: PostgresCodable {
    /// `timestamp with time zone`.
    public static var postgresType: PostgresDataType { .timestamptz }
    /// Binary: microseconds since 2000-01-01 00:00 UTC as a 64-bit integer.
    public static var postgresFormat: PostgresFormat { .binary }

    /// Seconds from Foundation's reference date (2001-01-01) back to PostgreSQL's epoch (2000-01-01, a leap year).
    static let postgresEpochOffset: TimeInterval = -366 * 86_400

    /// The microseconds, big-endian; `distantFuture` and `distantPast` are sent as `infinity` and `-infinity`.
    public func encode(into bytes: inout [UInt8]) {
        let micros: Int64
        if self == .distantFuture {
            micros = .max
        } else if self == .distantPast {
            micros = .min
        } else {
            // Whole seconds and the fraction apart, so that large dates keep microsecond precision.
            let seconds = (timeIntervalSinceReferenceDate - Self.postgresEpochOffset).rounded(.down)
            let fraction = timeIntervalSinceReferenceDate - Self.postgresEpochOffset - seconds
            micros = Int64(seconds) * 1_000_000 + Int64((fraction * 1_000_000).rounded())
        }
        bytes.appendBigEndian(micros)
    }

    /// Reads `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC); `infinity` and `-infinity`
    /// become `distantFuture` and `distantPast`.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, type: PostgresDataType, format: PostgresFormat
    ) throws(PostgresDecodingFailure) -> Date {
        switch (type, format) {
        case (.timestamptz, .binary), (.timestamp, .binary):
            var reader = BinaryReader(bytes)
            return Date(postgresMicroseconds: try reader.read(Int64.self))
        case (.timestamptz, .text), (.timestamp, .text):
            var scanner = PostgresTimeText(bytes)
            return Date(postgresMicroseconds: try scanner.timestampMicroseconds())
        case (.date, _):
            let date = try CalendarDate.decode(bytes, type: type, format: format)
            return Date(timeIntervalSince1970: TimeInterval(date.daysSince1970) * 86_400)
        default:
            throw .unsupported(type, format)
        }
    }

    /// The date for microseconds since PostgreSQL's epoch, with the infinities mapped to the distant dates.
    init(postgresMicroseconds micros: Int64) {
        switch micros {
        case .max: self = .distantFuture
        case .min: self = .distantPast
        default:
            let seconds = micros / 1_000_000
            let fraction = micros % 1_000_000
            self.init(
                timeIntervalSinceReferenceDate: TimeInterval(seconds) + TimeInterval(fraction) / 1_000_000
                    + Self.postgresEpochOffset)
        }
    }
}
