import CLibPQ
import CNGHTTP2
import CProtobufC
import CZlib
import Testing

/// The system-library modules resolve through pkg-config and link: each library reports its version.
@Suite("C system libraries")
struct SystemLibrariesTests {
    @Test("libnghttp2 is 1.52 or later (the mem_recv/mem_send API)")
    func nghttp2() throws {
        let info = try #require(nghttp2_version(0))
        #expect(info.pointee.version_num >= 0x013400)
    }

    @Test("protobuf-c is 1.4 or later")
    func protobufC() {
        #expect(protobuf_c_version_number() >= 1_004_000)
    }

    @Test("libpq is 14 or later")
    func libpq() {
        #expect(PQlibVersion() >= 140_000)
    }

    @Test("zlib round-trips a buffer")
    func zlib() {
        let input = Array("Loket, Loket, Loket, Loket".utf8)
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(input.count))))
        var compressedLength = uLongf(compressed.count)
        #expect(compress(&compressed, &compressedLength, input, uLong(input.count)) == Z_OK)
        var output = [UInt8](repeating: 0, count: input.count)
        var outputLength = uLongf(output.count)
        #expect(uncompress(&output, &outputLength, compressed, compressedLength) == Z_OK)
        #expect(output == input)
    }
}
