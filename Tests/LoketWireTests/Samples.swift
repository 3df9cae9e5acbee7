import Testing
import Foundation
import LoketConformance

typealias AllTypes = Loket_Conformance_V1_AllTypes
typealias Color = Loket_Conformance_V1_Color

/// One test message, built in Swift and written as proto3 JSON, so that Python's protobuf can build the same value.
struct Sample: CustomTestStringConvertible {
    var name: String
    var value: AllTypes
    var json: String
    var testDescription: String { name }
}

enum Samples {
    static let all: [Sample] = [empty, scalars, full, oneofNested, oneofBytes, oneofUnknownColor, presentZeros]

    static let empty = Sample(name: "empty", value: AllTypes(), json: "{}")

    /// Every singular scalar type at awkward values: negatives, extremes, non-ASCII, bytes with zeros.
    static let scalars: Sample = {
        var m = AllTypes()
        m.fInt32 = -123_456
        m.fInt64 = -9_000_000_000_000
        m.fUint32 = 4_000_000_000
        m.fUint64 = 18_000_000_000_000_000_000
        m.fSint32 = -2_000_000_000
        m.fSint64 = Int64.min
        m.fFixed32 = UInt32.max
        m.fFixed64 = UInt64.max
        m.fSfixed32 = Int32.min
        m.fSfixed64 = Int64.max
        m.fFloat = 3.5
        m.fDouble = -1.25e300
        m.fBool = true
        m.fString = "Zoë Van den Bossche — 東京 🇧🇪"
        m.fBytes = Data([0, 1, 0, 255, 0])
        m.fColor = .blue
        m.fLevel = .high
        m.class = "klasse"
        m.default = 9
        return Sample(
            name: "scalars", value: m,
            json: """
                {"fInt32": -123456, "fInt64": "-9000000000000", "fUint32": 4000000000,
                 "fUint64": "18000000000000000000", "fSint32": -2000000000, "fSint64": "-9223372036854775808",
                 "fFixed32": 4294967295, "fFixed64": "18446744073709551615", "fSfixed32": -2147483648,
                 "fSfixed64": "9223372036854775807", "fFloat": 3.5, "fDouble": -1.25e300, "fBool": true,
                 "fString": "Zoë Van den Bossche — 東京 🇧🇪", "fBytes": "AAEA/wA=", "fColor": "COLOR_BLUE",
                 "fLevel": "LEVEL_HIGH", "class": "klasse", "default": 9}
                """)
    }()

    /// Repeated (packed and unpacked), maps, nested messages, a oneof and unknown enum numbers together.
    static let full: Sample = {
        var m = scalars.value
        m.fNested = .init(a: 7, label: "binnen")
        m.rInt32 = [-1, 0, 1, Int32.max, Int32.min]
        m.rInt64 = [Int64.min, 0, 42]
        m.rUint32 = [0, UInt32.max]
        m.rUint64 = [UInt64.max]
        m.rSint32 = [-1, -64, 63]
        m.rSint64 = [Int64.min, Int64.max]
        m.rFixed32 = [1, 2]
        m.rFixed64 = [3]
        m.rSfixed32 = [-5]
        m.rSfixed64 = [-6]
        m.rFloat = [1.5, -0.25]
        m.rDouble = [0.1, 2.5]
        m.rBool = [true, false, true]
        m.rString = ["a", "", "één"]
        m.rBytes = [Data(), Data([0, 0]), Data([1])]
        m.rColor = [.red, .unrecognized(42), .green]
        m.rNested = [.init(a: 1, label: ""), .init(a: 0, label: "x")]
        m.rUnpackedInt32 = [-1, 7]
        m.rUnpackedDouble = [1e-10]
        m.rUnpackedColor = [.blue, .red]
        m.mStringString = ["sleutel": "waarde", "": "leeg", "clé": "valeur"]
        m.mInt32Int64 = [-1: -2, 5: 6]
        m.mStringNested = ["n": .init(a: 3, label: "drie")]
        m.mBoolBytes = [true: Data([0]), false: Data([1, 2])]
        m.mUint64Color = [UInt64.max: .green, 0: .unrecognized(77)]
        m.mSint32Double = [-7: 0.5]
        m.choice = .cString("keuze")
        m.oString = "optioneel"
        m.oNested = .init(a: -3, label: "")
        return Sample(
            name: "full", value: m,
            json: """
                {"fInt32": -123456, "fInt64": "-9000000000000", "fUint32": 4000000000,
                 "fUint64": "18000000000000000000", "fSint32": -2000000000, "fSint64": "-9223372036854775808",
                 "fFixed32": 4294967295, "fFixed64": "18446744073709551615", "fSfixed32": -2147483648,
                 "fSfixed64": "9223372036854775807", "fFloat": 3.5, "fDouble": -1.25e300, "fBool": true,
                 "fString": "Zoë Van den Bossche — 東京 🇧🇪", "fBytes": "AAEA/wA=", "fColor": "COLOR_BLUE",
                 "fLevel": "LEVEL_HIGH", "class": "klasse", "default": 9,
                 "fNested": {"a": 7, "label": "binnen"},
                 "rInt32": [-1, 0, 1, 2147483647, -2147483648], "rInt64": ["-9223372036854775808", "0", "42"],
                 "rUint32": [0, 4294967295], "rUint64": ["18446744073709551615"], "rSint32": [-1, -64, 63],
                 "rSint64": ["-9223372036854775808", "9223372036854775807"], "rFixed32": [1, 2], "rFixed64": ["3"],
                 "rSfixed32": [-5], "rSfixed64": ["-6"], "rFloat": [1.5, -0.25], "rDouble": [0.1, 2.5],
                 "rBool": [true, false, true], "rString": ["a", "", "één"], "rBytes": ["", "AAA=", "AQ=="],
                 "rColor": ["COLOR_RED", 42, "COLOR_GREEN"], "rNested": [{"a": 1}, {"label": "x"}],
                 "rUnpackedInt32": [-1, 7], "rUnpackedDouble": [1e-10], "rUnpackedColor": ["COLOR_BLUE", "COLOR_RED"],
                 "mStringString": {"sleutel": "waarde", "": "leeg", "clé": "valeur"},
                 "mInt32Int64": {"-1": "-2", "5": "6"}, "mStringNested": {"n": {"a": 3, "label": "drie"}},
                 "mBoolBytes": {"true": "AA==", "false": "AQI="},
                 "mUint64Color": {"18446744073709551615": "COLOR_GREEN", "0": 77}, "mSint32Double": {"-7": 0.5},
                 "cString": "keuze", "oString": "optioneel", "oNested": {"a": -3}}
                """)
    }()

    /// A oneof holding a message that itself nests the outer type (recursion through a box).
    static let oneofNested: Sample = {
        var inner = AllTypes()
        inner.fInt32 = 5
        inner.rString = ["diep"]
        var m = AllTypes()
        m.choice = .cNested(.init(a: 1, label: "kind", child: inner))
        return Sample(
            name: "oneof-nested", value: m,
            json: #"{"cNested": {"a": 1, "label": "kind", "child": {"fInt32": 5, "rString": ["diep"]}}}"#)
    }()

    static let oneofBytes: Sample = {
        var m = AllTypes()
        m.choice = .cBytes(Data([0, 0, 0]))
        return Sample(name: "oneof-bytes", value: m, json: #"{"cBytes": "AAAA"}"#)
    }()

    static let oneofUnknownColor: Sample = {
        var m = AllTypes()
        m.choice = .cColor(.unrecognized(1234))
        m.fColor = .unrecognized(-5)
        return Sample(name: "oneof-unknown-enum", value: m, json: #"{"cColor": 1234, "fColor": -5}"#)
    }()

    /// proto3 `optional` fields and a oneof set to their zero values: present, so they must be encoded.
    static let presentZeros: Sample = {
        var m = AllTypes()
        m.oInt32 = 0
        m.oString = ""
        m.oBool = false
        m.oColor = .unspecified
        m.oNested = AllTypes.Nested()
        m.oBytes = Data()
        m.oDouble = 0
        m.choice = .cInt64(0)
        return Sample(
            name: "present-zeros", value: m,
            json: """
                {"oInt32": 0, "oString": "", "oBool": false, "oColor": "COLOR_UNSPECIFIED", "oNested": {},
                 "oBytes": "", "oDouble": 0, "cInt64": "0"}
                """)
    }()
}

extension AllTypes.Nested {
    init(a: Int32, label: String, child: AllTypes? = nil) {
        self.init()
        self.a = a
        self.label = label
        self.child = child
    }
}
