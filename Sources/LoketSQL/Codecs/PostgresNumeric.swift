/// numeric's binary format: a header and base-10000 digit groups, turned into its exact decimal text.
enum PostgresNumeric {
    // Sign word values from PostgreSQL's numeric.c wire format.
    private static let positive: UInt16 = 0x0000
    private static let negative: UInt16 = 0x4000
    private static let notANumber: UInt16 = 0xC000
    private static let positiveInfinity: UInt16 = 0xD000
    private static let negativeInfinity: UInt16 = 0xF000

    /// The value as numeric's text output would show it: all `dscale` fraction digits, `NaN`, `Infinity`.
    static func text(fromBinary bytes: ArraySlice<UInt8>) throws(PostgresDecodingFailure) -> String {
        var reader = BinaryReader(bytes)
        let count = Int(try reader.read(Int16.self))
        let weight = Int(try reader.read(Int16.self))
        let sign = try reader.read(UInt16.self)
        let scale = Int(try reader.read(Int16.self))
        var groups: [Int] = []
        groups.reserveCapacity(max(count, 0))
        for _ in 0..<max(count, 0) {
            let group = Int(try reader.read(Int16.self))
            guard (0..<10_000).contains(group) else { throw PostgresDecodingFailure("has a bad numeric digit") }
            groups.append(group)
        }
        switch sign {
        case notANumber: return "NaN"
        case positiveInfinity: return "Infinity"
        case negativeInfinity: return "-Infinity"
        case positive, negative: break
        default: throw PostgresDecodingFailure("has a bad numeric sign")
        }
        // Group i is worth 10000^(weight - i); groups outside 0..<count are zero.
        func group(_ index: Int) -> Int { index >= 0 && index < groups.count ? groups[index] : 0 }
        var text = sign == negative ? "-" : ""
        if weight < 0 {
            text += "0"
        } else {
            text += String(group(0))
            for index in stride(from: 1, through: weight, by: 1) { text += padded(group(index)) }
        }
        if scale > 0 {
            var fraction = ""
            var index = weight + 1
            while fraction.count < scale {
                fraction += padded(group(index))
                index += 1
            }
            text += "." + fraction.prefix(scale)
        }
        return text
    }

    /// Digits from the first non-zero one to the last non-zero one: what a `Decimal` mantissa must hold.
    static func significantDigits(in text: String) -> Int {
        let digits = text.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }),
            let last = digits.lastIndex(where: { $0 != UInt8(ascii: "0") })
        else { return 0 }
        return last - first + 1
    }

    private static func padded(_ group: Int) -> String {
        let digits = String(group)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
