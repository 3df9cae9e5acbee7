import CProtobufC
import Foundation
import LoketConformance
@testable import LoketWire
import Testing

@Suite("Malformed input is an error, never a crash")
struct MalformedInputTests {
    /// Decodes and reports whether it failed; any trap would end the test process.
    private func fails(_ bytes: [UInt8]) -> Bool {
        (try? AllTypes(serializedBytes: bytes)) == nil
    }

    @Test("every truncation of a full message decodes or throws")
    func truncated() {
        let bytes = Samples.full.value.serializedBytes()
        var failures = 0
        for length in 0..<bytes.count where fails(Array(bytes[..<length])) { failures += 1 }
        // Cutting inside a field fails; cutting between top-level fields yields a shorter valid message.
        #expect(failures > bytes.count / 2)
        #expect(fails(Array(bytes.dropLast())))
    }

    @Test("random garbage and random corruption of valid input never trap")
    func garbage() {
        var random = SplitMix64(seed: 0x10CE7)
        var rejected = 0
        for _ in 0..<20_000 {
            let count = Int(random.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            if fails(bytes) { rejected += 1 }
        }
        #expect(rejected > 10_000)
        let valid = Samples.full.value.serializedBytes()
        for _ in 0..<5_000 {
            var bytes = valid
            for _ in 0..<3 {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            _ = fails(bytes)
        }
    }

    @Test("a bad tag, a bad wire type and an overlong varint are errors")
    func badStructure() {
        #expect(fails([0x00, 0x01]), "field number 0")
        #expect(fails([0x0f, 0x01]), "wire type 7")
        #expect(fails([0x08] + [UInt8](repeating: 0xff, count: 11)), "varint longer than 10 bytes")
        #expect(fails([0x8a, 0x01, 0x05, 0x08, 0x01]), "sub-message longer than its input")
    }

    @Test("a string that is not UTF-8 is refused")
    func invalidUTF8() {
        // f_string (field 14) = 0xff 0xfe.
        #expect(throws: WireError(.invalidUTF8, "a string field is not valid UTF-8")) {
            try AllTypes(serializedBytes: [0x72, 0x02, 0xff, 0xfe])
        }
    }

    @Test("a huge length prefix is refused without allocating it")
    func oversizedLength() throws {
        let counter = AllocationCounter()
        let cases: [[UInt8]] = [
            [0x7a, 0xff, 0xff, 0xff, 0xff, 0x07, 0x01, 0x02],  // f_bytes, 2 GiB
            [0x72, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x41],  // f_string, 4 GiB
            [0x8a, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],  // f_nested, 2^64-1
            [0xea, 0x03, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0a],  // map entry, 4 GiB
            [0xfa, 0x01, 0xff, 0xff, 0xff, 0x7f, 0x01],  // packed int32, 256 MiB
        ]
        for bytes in cases {
            let result = counter.withAllocator { allocator in
                bytes.withUnsafeBytes { WireCodec.decode(AllTypes.self, buffer: $0, allocator: allocator) }
            }
            #expect(throws: WireError.self) { try result.get() }
        }
        #expect(counter.largest < 4096, "largest allocation: \(counter.largest) bytes")
    }

    @Test("messages nested deeper than the limit are refused before protobuf-c recurses")
    func deepNesting() throws {
        func nested(depth: Int) -> [UInt8] {
            // AllTypes.f_nested (17) -> Nested.child (3) -> AllTypes.f_nested -> ...
            var bytes: [UInt8] = []
            for level in (0..<depth).reversed() {
                let tag: [UInt8] = level % 2 == 0 ? [0x8a, 0x01] : [0x1a]
                bytes = tag + varint(bytes.count) + bytes
            }
            return bytes
        }
        for depth in [31, 32, 33, 34, 98] {  // around the first scan's 32 frames, and deeper
            #expect(try AllTypes(serializedBytes: nested(depth: depth)).fNested != nil)
        }
        #expect(throws: WireError.self) { try AllTypes(serializedBytes: nested(depth: 100)) }
        #expect(throws: WireError.self) { try AllTypes(serializedBytes: nested(depth: 200_000)) }
    }

    private func varint(_ value: Int) -> [UInt8] {
        var value = UInt64(value)
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(value & 0x7f) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return bytes
    }
}

/// A deterministic pseudo-random generator, so that failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A protobuf-c allocator that records the largest single allocation.
final class AllocationCounter: @unchecked Sendable {
    private(set) var largest = 0

    func withAllocator<R>(_ body: (UnsafeMutablePointer<ProtobufCAllocator>) -> R) -> R {
        var allocator = ProtobufCAllocator(
            alloc: { data, size in
                let counter = Unmanaged<AllocationCounter>.fromOpaque(data!).takeUnretainedValue()
                counter.largest = max(counter.largest, size)
                return malloc(size)
            },
            free: { _, pointer in free(pointer) },
            allocator_data: Unmanaged.passUnretained(self).toOpaque())
        return body(&allocator)
    }
}
