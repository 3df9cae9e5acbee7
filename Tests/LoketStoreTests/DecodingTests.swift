import Foundation
import LoketStore
import Testing

extension DatabaseTests {
    /// Every supported type read in both result formats, with NULLs and extremes.
    @Suite("decoding")
    struct DecodingTests {
        static let formats: [PostgresFormat] = [.binary, .text]

        @Test("integers: extremes, NULL, and refusal to narrow", arguments: formats)
        func integers(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT 32767::int2, (-32768)::int2, 2147483647::int4, (-2147483648)::int4,
                           9223372036854775807::int8, (-9223372036854775808)::int8, NULL::int8, 7::int2
                    """, format: format).first)
                #expect(try row.decode(Int16.self, at: 0) == .max)
                #expect(try row.decode(Int16.self, at: 1) == .min)
                #expect(try row.decode(Int32.self, at: 2) == .max)
                #expect(try row.decode(Int32.self, at: 3) == .min)
                #expect(try row.decode(Int64.self, at: 4) == .max)
                #expect(try row.decode(Int.self, at: 5) == .min)
                #expect(try row.decode(Int?.self, at: 6) == nil)
                #expect(try row.decode(Int.self, at: 7) == 7)
                let narrowing = #expect(throws: StoreError.self) { try row.decode(Int32.self, at: 4) }
                #expect(narrowing?.code == .decoding)
                let null = #expect(throws: StoreError.self) { try row.decode(Int.self, at: 6) }
                #expect(null?.code == .decoding)
            }
        }

        @Test("text, varchar, char and NULL", arguments: formats)
        func text(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    "SELECT ''::text, 'Sint-Niklaas – €5 🇧🇪'::text, 'ab'::varchar(5), 'ab'::char(3), NULL",
                    format: format
                ).first)
                let (empty, unicode, varchar, padded, null) = try row.decode(
                    String.self, String.self, String.self, String.self, String?.self)
                #expect(empty == "")
                #expect(unicode == "Sint-Niklaas – €5 🇧🇪")
                #expect(varchar == "ab")
                #expect(padded == "ab ")
                #expect(null == nil)
            }
        }

        @Test("booleans", arguments: formats)
        func booleans(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query("SELECT true, false, NULL::bool", format: format).first)
                #expect(try row.decode(Bool.self, Bool.self, Bool?.self) == (true, false, nil))
            }
        }

        @Test("doubles: extremes, signed zero, NaN and infinities", arguments: formats)
        func doubles(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT 1.5::float8, '-0'::float8, '1.7976931348623157e308'::float8, '5e-324'::float8,
                           'NaN'::float8, 'Infinity'::float8, '-Infinity'::float8, 0.1::float8, 1.5::float4,
                           NULL::float8
                    """, format: format).first)
                #expect(try row.decode(Double.self, at: 0) == 1.5)
                let negativeZero = try row.decode(Double.self, at: 1)
                #expect(negativeZero == 0 && negativeZero.sign == .minus)
                #expect(try row.decode(Double.self, at: 2) == .greatestFiniteMagnitude)
                #expect(try row.decode(Double.self, at: 3) == .leastNonzeroMagnitude)
                #expect(try row.decode(Double.self, at: 4).isNaN)
                #expect(try row.decode(Double.self, at: 5) == .infinity)
                #expect(try row.decode(Double.self, at: 6) == -.infinity)
                #expect(try row.decode(Double.self, at: 7) == 0.1)
                #expect(try row.decode(Double.self, at: 8) == 1.5)
                #expect(try row.decode(Double?.self, at: 9) == nil)
            }
        }

        @Test("numeric as Decimal: scale, 38 digits, tiny, huge, NaN; more digits refused", arguments: formats)
        func numerics(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT 0::numeric, (-12.50)::numeric(10,2), 12345678901234567890.123456789012345678::numeric,
                           0.000000000000000000000000000001::numeric, 1e100::numeric, 'NaN'::numeric,
                           10000::numeric, 0.0001::numeric, NULL::numeric,
                           1234567890123456789012345678901234567890::numeric, 'Infinity'::numeric, 42::int4
                    """, format: format).first)
                func decimal(_ text: String) -> Decimal {
                    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
                }
                #expect(try row.decode(Decimal.self, at: 0) == 0)
                #expect(try row.decode(Decimal.self, at: 1) == decimal("-12.5"))
                #expect(try row.decode(Decimal.self, at: 2) == decimal("12345678901234567890.123456789012345678"))
                #expect(try row.decode(Decimal.self, at: 3) == decimal("0.000000000000000000000000000001"))
                #expect(try row.decode(Decimal.self, at: 4) == Decimal(sign: .plus, exponent: 100, significand: 1))
                #expect(try row.decode(Decimal.self, at: 5).isNaN)
                #expect(try row.decode(Decimal.self, at: 6) == 10000)
                #expect(try row.decode(Decimal.self, at: 7) == decimal("0.0001"))
                #expect(try row.decode(Decimal?.self, at: 8) == nil)
                #expect(throws: StoreError.self) { try row.decode(Decimal.self, at: 9) }
                #expect(throws: StoreError.self) { try row.decode(Decimal.self, at: 10) }
                #expect(try row.decode(Decimal.self, at: 11) == 42)
            }
        }

        @Test("timestamptz and timestamp as Date, infinities as the distant dates", arguments: formats)
        func timestamps(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT '2024-02-29 13:45:07.123456+00'::timestamptz, '1970-01-01 00:00:00+00'::timestamptz,
                           '0001-01-01 00:00:00+00'::timestamptz, '1900-06-15 12:00:00+02'::timestamptz,
                           'infinity'::timestamptz, '-infinity'::timestamptz, NULL::timestamptz,
                           '2024-02-29 13:45:07.5'::timestamp, '1999-12-31 23:59:59.999999+00'::timestamptz
                    """, format: format).first)
                func expectDate(_ column: Int, _ seconds: TimeInterval) throws {
                    let date = try row.decode(Date.self, at: column)
                    #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001, "column \(column): \(date)")
                }
                try expectDate(0, 1_709_214_307.123456)
                try expectDate(1, 0)
                try expectDate(2, -62_135_596_800)
                try expectDate(3, -2_194_696_800)
                #expect(try row.decode(Date.self, at: 4) == .distantFuture)
                #expect(try row.decode(Date.self, at: 5) == .distantPast)
                #expect(try row.decode(Date?.self, at: 6) == nil)
                try expectDate(7, 1_709_214_307.5)
                try expectDate(8, 946_684_799.999999)
            }
        }

        @Test("text timestamps carry any session time zone's offset, down to seconds", arguments: [
            ("Asia/Kolkata", "2024-02-29 19:15:07.5+05:30"),
            ("Europe/Brussels", "1880-01-01 00:17:30+00:17:30"),
            ("America/St_Johns", "2024-02-29 10:15:07.5-03:30"),
        ])
        func timeZones(zone: String, expected: String) async throws {
            try await TestDatabase.withSchema(configure: { $0.sessionSettings["TimeZone"] = zone }) { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT \(expected)::timestamptz::text,
                           \(expected)::timestamptz = ANY (ARRAY['2024-02-29 13:45:07.5+00', '1880-01-01 00:00:00+00']
                           ::timestamptz[]), \(expected)::timestamptz
                    """, format: .text).first)
                #expect(try row.decode(String.self, at: 0) == expected, "the server prints the zone's offset")
                #expect(try row.decode(Bool.self, at: 1))
                let date = try row.decode(Date.self, at: 2)
                let utc = date.timeIntervalSince1970
                #expect(utc == 1_709_214_307.5 || utc == -2_840_140_800)
            }
        }

        @Test("date as CalendarDate and Date, BC and the extremes", arguments: formats)
        func dates(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT '2024-02-29'::date, '0001-01-01'::date, '9999-12-31'::date, '0044-03-15 BC'::date,
                           '4713-01-01 BC'::date, '5874897-12-31'::date, NULL::date, 'infinity'::date
                    """, format: format).first)
                #expect(try row.decode(CalendarDate.self, at: 0) == CalendarDate(year: 2024, month: 2, day: 29))
                #expect(try row.decode(CalendarDate.self, at: 1) == CalendarDate(year: 1, month: 1, day: 1))
                #expect(try row.decode(CalendarDate.self, at: 2) == CalendarDate(year: 9999, month: 12, day: 31))
                #expect(try row.decode(CalendarDate.self, at: 3) == CalendarDate(year: -43, month: 3, day: 15))
                #expect(try row.decode(CalendarDate.self, at: 4) == CalendarDate(year: -4712, month: 1, day: 1))
                #expect(try row.decode(CalendarDate.self, at: 5) == CalendarDate(year: 5_874_897, month: 12, day: 31))
                #expect(try row.decode(CalendarDate?.self, at: 6) == nil)
                #expect(throws: StoreError.self) { try row.decode(CalendarDate.self, at: 7) }
                #expect(try row.decode(Date.self, at: 0).timeIntervalSince1970 == 1_709_164_800)
            }
        }

        @Test("uuid", arguments: formats)
        func uuids(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, NULL::uuid", format: format).first)
                #expect(try row.decode(UUID.self, at: 0) == UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
                #expect(try row.decode(UUID?.self, at: 1) == nil)
            }
        }

        @Test("bytea as Data and [UInt8], empty and NULL", arguments: formats)
        func bytea(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    "SELECT '\\x00ff10'::bytea, ''::bytea, NULL::bytea", format: format).first)
                #expect(try row.decode(Data.self, at: 0) == Data([0x00, 0xff, 0x10]))
                #expect(try row.decode([UInt8].self, at: 0) == [0x00, 0xff, 0x10])
                #expect(try row.decode(Data.self, at: 1).isEmpty)
                #expect(try row.decode([UInt8]?.self, at: 2) == nil)
            }
        }

        @Test("jsonb and json as String and Data", arguments: formats)
        func json(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    """
                    SELECT '{"b": [1, 2, {"c": null}], "a": "é"}'::jsonb, '{"keep":  "spacing"}'::json, NULL::jsonb
                    """, format: format).first)
                #expect(try row.decode(String.self, at: 0) == #"{"a": "é", "b": [1, 2, {"c": null}]}"#)
                let data = try row.decode(Data.self, at: 0)
                let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                #expect(object["a"] as? String == "é")
                #expect(try row.decode(String.self, at: 1) == #"{"keep":  "spacing"}"#)
                #expect(try row.decode(PostgresJSON.self, at: 1).text == #"{"keep":  "spacing"}"#)
                #expect(try row.decode(String?.self, at: 2) == nil)
            }
        }

        @Test("text[] and integer arrays with NULL elements, quoting, empty; 2-D refused", arguments: formats)
        func arrays(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let row = try #require(try await pool.query(
                    #"""
                    SELECT ARRAY['a', 'b c', '', NULL, 'quo"te', 'back\slash', 'NULL', '{x,y}']::text[],
                           '{}'::text[], ARRAY[1, NULL, -2147483648]::int4[], ARRAY[9223372036854775807]::int8[],
                           ARRAY[1, 2]::int2[], NULL::int8[], ARRAY[[1, 2], [3, 4]]::int4[]
                    """#, format: format).first)
                #expect(try row.decode([String?].self, at: 0)
                    == ["a", "b c", "", nil, "quo\"te", "back\\slash", "NULL", "{x,y}"])
                #expect(try row.decode([String].self, at: 1) == [])
                #expect(try row.decode([Int32?].self, at: 2) == [1, nil, .min])
                #expect(try row.decode([Int].self, at: 3) == [.max])
                #expect(try row.decode([Int16].self, at: 4) == [1, 2])
                #expect(try row.decode([Int]?.self, at: 5) == nil)
                #expect(throws: StoreError.self) { try row.decode([String].self, at: 0) }
                #expect(throws: StoreError.self) { try row.decode([Int32].self, at: 6) }
            }
        }

        @Test("every encodable type round-trips as a parameter", arguments: formats)
        func roundTrip(format: PostgresFormat) async throws {
            try await TestDatabase.withSchema { pool, _ in
                let uuid = UUID()
                let date = Date(timeIntervalSince1970: 1_709_214_307.123456)
                let day = try #require(CalendarDate(year: 1830, month: 10, day: 4))
                let amount = Decimal(string: "-1234.5678", locale: Locale(identifier: "en_US_POSIX"))!
                let bytes = Data((0..<1024).map { UInt8($0 % 256) })
                let names: [String?] = ["Anna", nil, "Ö\"z,{}"]
                let missing: Int? = nil
                let row = try #require(try await pool.query(
                    """
                    SELECT \(Int.min), \(Int32.max), \(Int16.min), \(true), \(Double.pi), \(amount), \(uuid),
                           \(date), \(day), \(bytes), \(names), \([1, 2, 3]), \(missing),
                           \(PostgresJSON(#"{"a":1}"#))->>'a', \("plain"), \(Date.distantFuture), \([UInt8]([7, 8]))
                    """, format: format).first)
                #expect(try row.decode(Int.self, at: 0) == .min)
                #expect(try row.decode(Int32.self, at: 1) == .max)
                #expect(try row.decode(Int16.self, at: 2) == .min)
                #expect(try row.decode(Bool.self, at: 3))
                #expect(try row.decode(Double.self, at: 4) == .pi)
                #expect(try row.decode(Decimal.self, at: 5) == amount)
                #expect(try row.decode(UUID.self, at: 6) == uuid)
                #expect(abs(try row.decode(Date.self, at: 7).timeIntervalSince(date)) < 0.000_001)
                #expect(try row.decode(CalendarDate.self, at: 8) == day)
                #expect(try row.decode(Data.self, at: 9) == bytes)
                #expect(try row.decode([String?].self, at: 10) == names)
                #expect(try row.decode([Int].self, at: 11) == [1, 2, 3])
                #expect(try row.decode(Int?.self, at: 12) == nil)
                #expect(try row.decode(String.self, at: 13) == "1")
                #expect(try row.decode(String.self, at: 14) == "plain")
                #expect(try row.decode(Date.self, at: 15) == .distantFuture)
                #expect(try row.decode([UInt8].self, at: 16) == [7, 8])
            }
        }

        @Test("rows are read by column name, and an unknown column is a decoding error")
        func columnNames() async throws {
            try await TestDatabase.withSchema { pool, _ in
                let rows = try await pool.query("SELECT n AS number, 'x' || n AS label FROM generate_series(1, 3) n")
                #expect(rows.count == 3)
                #expect(try rows.map { try $0.decode(Int.self, column: "number") } == [1, 2, 3])
                #expect(try rows[2].decode(String.self, column: "label") == "x3")
                #expect(throws: StoreError.self) { try rows[0].decode(Int.self, column: "missing") }
                #expect(rows.affectedRows == 3)
            }
        }
    }
}
