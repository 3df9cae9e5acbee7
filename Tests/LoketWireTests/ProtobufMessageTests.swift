import Foundation
import LoketConformance
import LoketWire
import Testing

@Suite("Generated messages round-trip through protobuf-c")
struct ProtobufMessageTests {
    @Test("every sample decodes to an equal value", arguments: Samples.all)
    func roundTrip(sample: Sample) throws {
        let bytes = sample.value.serializedBytes()
        let decoded = try AllTypes(serializedBytes: bytes)
        #expect(decoded == sample.value)
        #expect(decoded.serializedBytes() == bytes, "re-encoding is stable")
        #expect(sample.value.serializedSize == bytes.count)
    }

    @Test("the default message encodes to no bytes")
    func emptyMessage() throws {
        #expect(AllTypes().serializedBytes().isEmpty)
        #expect(try AllTypes(serializedBytes: []) == AllTypes())
    }

    @Test("negative int32 takes ten bytes; sint32 uses zigzag")
    func integerEncodings() {
        var m = AllTypes()
        m.fInt32 = -1
        #expect(m.serializedBytes() == [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
        m = AllTypes()
        m.fSint32 = -1
        #expect(m.serializedBytes() == [0x28, 0x01])
        m = AllTypes()
        m.fSint64 = 1
        #expect(m.serializedBytes() == [0x30, 0x02])
        m = AllTypes()
        m.fFixed32 = 1
        #expect(m.serializedBytes() == [0x3d, 0x01, 0x00, 0x00, 0x00])
        m = AllTypes()
        m.fSfixed64 = -2
        #expect(m.serializedBytes() == [0x51, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    }

    @Test("repeated scalars are packed by default and unpacked when declared so")
    func packing() throws {
        var m = AllTypes()
        m.rInt32 = [1, 2, 3]
        // field 31, wire type 2: tag 0xfa 0x01, length 3.
        #expect(m.serializedBytes() == [0xfa, 0x01, 0x03, 0x01, 0x02, 0x03])
        m = AllTypes()
        m.rUnpackedInt32 = [1, 2]
        // field 48, wire type 0, once per element.
        #expect(m.serializedBytes() == [0x80, 0x03, 0x01, 0x80, 0x03, 0x02])
        // A parser must accept both forms for either field.
        let unpackedForPacked: [UInt8] = [0xf8, 0x01, 0x05, 0xf8, 0x01, 0x06]
        #expect(try AllTypes(serializedBytes: unpackedForPacked).rInt32 == [5, 6])
        let packedForUnpacked: [UInt8] = [0x82, 0x03, 0x02, 0x05, 0x06]
        #expect(try AllTypes(serializedBytes: packedForUnpacked).rUnpackedInt32 == [5, 6])
    }

    @Test("optional fields distinguish absent from zero")
    func presence() throws {
        var m = AllTypes()
        #expect(try AllTypes(serializedBytes: m.serializedBytes()).oInt32 == nil)
        m.oInt32 = 0
        #expect(m.serializedBytes() == [0x88, 0x05, 0x00])
        #expect(try AllTypes(serializedBytes: m.serializedBytes()).oInt32 == 0)
        m = AllTypes()
        m.oString = ""
        #expect(try AllTypes(serializedBytes: m.serializedBytes()).oString == "")
        m = AllTypes()
        m.fNested = AllTypes.Nested()
        #expect(m.serializedBytes() == [0x8a, 0x01, 0x00], "an empty sub-message is still present")
        #expect(try AllTypes(serializedBytes: m.serializedBytes()).fNested == AllTypes.Nested())
    }

    @Test("each oneof case round-trips and the last one on the wire wins")
    func oneof() throws {
        let cases: [AllTypes.OneOf_Choice] = [
            .cString("x"), .cInt64(-9), .cNested(.init(a: 2, label: "y")), .cBytes(Data([0])), .cColor(.red),
        ]
        for choice in cases {
            var m = AllTypes()
            m.choice = choice
            #expect(try AllTypes(serializedBytes: m.serializedBytes()).choice == choice)
        }
        // c_string = "a" (field 71) followed by c_int64 = 3 (field 72).
        let both: [UInt8] = [0xba, 0x04, 0x01, 0x61, 0xc0, 0x04, 0x03]
        #expect(try AllTypes(serializedBytes: both).choice == .cInt64(3))
    }

    @Test("unknown enum numbers survive a round trip")
    func unknownEnum() throws {
        #expect(Color(rawValue: 99) == .unrecognized(99))
        #expect(Color(rawValue: 2) == .green)
        #expect(AllTypes.Level(rawValue: 1) == .low, "an alias maps to the first name")
        var m = AllTypes()
        m.fColor = .unrecognized(99)
        m.rColor = [.unrecognized(-1), .blue]
        m.mUint64Color = [1: .unrecognized(1000)]
        let decoded = try AllTypes(serializedBytes: m.serializedBytes())
        #expect(decoded.fColor == .unrecognized(99))
        #expect(decoded.rColor == [.unrecognized(-1), .blue])
        #expect(decoded.mUint64Color == [1: .unrecognized(1000)])
    }

    @Test("map entries are written in key order, so equal maps give equal bytes")
    func deterministicMaps() {
        var a = AllTypes()
        var b = AllTypes()
        for i in 0..<50 { a.mStringString["k\(i)"] = "v\(i)" }
        for i in (0..<50).reversed() { b.mStringString["k\(i)"] = "v\(i)" }
        #expect(a.serializedBytes() == b.serializedBytes())
    }

    @Test("a later duplicate map key replaces the earlier one")
    func duplicateMapKey() throws {
        // Two entries of m_string_string (field 61) with key "k": values "1" then "2".
        let entry1: [UInt8] = [0x0a, 0x01, 0x6b, 0x12, 0x01, 0x31]
        let entry2: [UInt8] = [0x0a, 0x01, 0x6b, 0x12, 0x01, 0x32]
        let bytes: [UInt8] = [0xea, 0x03, 0x06] + entry1 + [0xea, 0x03, 0x06] + entry2
        #expect(try AllTypes(serializedBytes: bytes).mStringString == ["k": "2"])
    }

    @Test("large repeated fields and long strings round-trip")
    func large() throws {
        var m = AllTypes()
        m.rInt64 = (0..<100_000).map { Int64($0) * -7 }
        m.fString = String(repeating: "ë", count: 300_000)
        m.rNested = (0..<1000).map { .init(a: Int32($0), label: "n\($0)") }
        let decoded = try AllTypes(serializedBytes: m.serializedBytes())
        #expect(decoded == m)
    }

    @Test("unknown fields are skipped")
    func unknownFields() throws {
        // field 1000 (varint) then f_int32 = 5.
        let bytes: [UInt8] = [0xc0, 0x3e, 0x01, 0x08, 0x05]
        #expect(try AllTypes(serializedBytes: bytes).fInt32 == 5)
    }

    @Test("decoding accepts any byte sequence type")
    func sequences() throws {
        let value = Samples.full.value
        let bytes = value.serializedBytes()
        #expect(try AllTypes(serializedBytes: Data(bytes)) == value)
        #expect(try AllTypes(serializedBytes: bytes[...]) == value)
        #expect(try AllTypes(serializedBytes: bytes.lazy.map { $0 }) == value)
    }
}
