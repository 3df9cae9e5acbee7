import Foundation
import Logging
import Testing

@testable import LoketHost

@Suite struct JSONLogHandlerTests {
    private func logger(_ captured: CapturedLines) -> Logger {
        Logger(label: "loketd") { label in
            JSONLogHandler(
                label: label, output: captured.output, metadataProvider: nil,
                timestamp: { "2026-11-22T09:00:00.123Z" })
        }
    }

    @Test func writesOneObjectPerLineWithFixedFieldsFirst() {
        let captured = CapturedLines()
        logger(captured).info("loketd starting", metadata: ["port": "50051", "host": "127.0.0.1"])
        #expect(
            captured.lines == [
                #"{"ts":"2026-11-22T09:00:00.123Z","level":"info","label":"loketd","msg":"loketd starting","#
                    + #""host":"127.0.0.1","port":"50051"}"# + "\n"
            ])
    }

    @Test func keepsNestedMetadataAsObjectsAndArrays() throws {
        let captured = CapturedLines()
        logger(captured).info("call", metadata: ["peer": ["ip": "10.0.0.1"], "ids": ["a", ["b": "c"]], "e": [:]])
        let line = try #require(captured.lines.first)
        #expect(line.hasSuffix(#""msg":"call","e":{},"ids":["a",{"b":"c"}],"peer":{"ip":"10.0.0.1"}}"# + "\n"))
    }

    @Test func escapesStringsIntoValidJSON() throws {
        let captured = CapturedLines()
        let message = "quote \" backslash \\ newline \n tab \t bell \u{7} café € \u{2028}"
        logger(captured).error("\(message)", metadata: ["level": "shadow"])
        let line = try #require(captured.lines.first)
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(line.contains(#"quote \" backslash \\ newline \n tab \t bell \u0007 café € \u2028"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["msg"] == message)
        #expect(object["level"] == "error")
        #expect(object["_level"] == "shadow")
    }
}
