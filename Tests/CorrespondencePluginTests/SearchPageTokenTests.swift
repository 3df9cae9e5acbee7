import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Search page tokens")
struct SearchPageTokenTests {
    @Test("Both kinds read back what they wrote")
    func roundTrip() throws {
        let day = try #require(Day("2025-06-30"))
        let reference = try #require(ReferenceNumber("2025/IN/000123"))
        for token in [SearchPageToken.ranked(offset: 40), .newest(after: day, reference: reference)] {
            #expect(SearchPageToken(token.description, maxOffset: 1000) == token)
        }
        #expect(SearchPageToken.ranked(offset: 40).description == "r:40")
        #expect(SearchPageToken.newest(after: day, reference: reference).description == "n:2025-06-30:2025/IN/000123")
    }

    @Test("Anything else is refused", arguments: [
        "", "20", "r:", "r:0", "r:1001", "r:+5", "r:-1", "r:12345", "r:1e3", "x:20", "n:", "n:2025-06-30",
        "n:2025-13-01:2025/IN/000123", "n:2025-6-30:2025/IN/000123", "n:2025-06-30:2025/IN/123",
        "n:2025-06-30:2025/XX/000123", "n:2025-06-30:2025/IN/000123:x",
    ])
    func refused(_ text: String) {
        #expect(SearchPageToken(text, maxOffset: 1000) == nil)
    }
}
