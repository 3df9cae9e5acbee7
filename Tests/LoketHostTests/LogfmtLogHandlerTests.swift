import Logging
import Synchronization
import Testing

@testable import LoketHost

/// Collects the lines a handler writes, instead of standard error.
final class CapturedLines: Sendable {
    private let storage = Mutex<[String]>([])

    var output: LogOutput { LogOutput { line in self.storage.withLock { $0.append(line) } } }
    var lines: [String] { storage.withLock { $0 } }
}

@Suite struct LogfmtLogHandlerTests {
    static let fixedTime = "2026-11-22T09:00:00.123Z"

    private func logger(_ captured: CapturedLines, label: String = "loketd") -> Logger {
        Logger(label: label) { label in
            LogfmtLogHandler(
                label: label, output: captured.output, metadataProvider: nil, timestamp: { Self.fixedTime })
        }
    }

    @Test func writesFixedFieldsThenSortedMetadataOnOneLine() {
        let captured = CapturedLines()
        logger(captured).info("loketd starting", metadata: ["port": "50051", "host": "127.0.0.1", "tls": "off"])
        #expect(
            captured.lines == [
                "ts=2026-11-22T09:00:00.123Z level=info label=loketd msg=\"loketd starting\" host=127.0.0.1 "
                    + "port=50051 tls=off\n"
            ])
    }

    @Test func quotesOnlyWhenNeeded() {
        #expect(LogfmtFormat.quotedIfNeeded("plain") == "plain")
        #expect(LogfmtFormat.quotedIfNeeded("café/ü:1,2") == "café/ü:1,2")
        #expect(LogfmtFormat.quotedIfNeeded("") == "\"\"")
        #expect(LogfmtFormat.quotedIfNeeded("two words") == "\"two words\"")
        #expect(LogfmtFormat.quotedIfNeeded("a=b") == "\"a=b\"")
        #expect(LogfmtFormat.quotedIfNeeded("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(LogfmtFormat.quotedIfNeeded("C:\\dir") == "\"C:\\\\dir\"")
        #expect(LogfmtFormat.quotedIfNeeded("a\nb\r\tc") == "\"a\\nb\\r\\tc\"")
        #expect(LogfmtFormat.quotedIfNeeded("bell\u{7}") == "\"bell\\u0007\"")
        #expect(LogfmtFormat.quotedIfNeeded("nbsp\u{A0}x") == "\"nbsp\u{A0}x\"")
    }

    @Test func multiLineMessagesStayOnOneLine() {
        let captured = CapturedLines()
        logger(captured).warning("first line\nsecond \"quoted\" line", metadata: ["path": "/a b/c"])
        #expect(
            captured.lines == [
                "ts=\(Self.fixedTime) level=warning label=loketd msg=\"first line\\nsecond \\\"quoted\\\" line\" "
                    + "path=\"/a b/c\"\n"
            ])
    }

    @Test func flattensNestedMetadataWithDottedKeys() {
        let captured = CapturedLines()
        logger(captured).info(
            "call",
            metadata: [
                "peer": ["ip": "10.0.0.1", "port": "4000"], "ids": ["a", "b c"], "none": [:], "empty": [],
                "count": .stringConvertible(3),
            ])
        #expect(
            captured.lines == [
                "ts=\(Self.fixedTime) level=info label=loketd msg=call count=3 empty=[] ids.0=a ids.1=\"b c\" none={} "
                    + "peer.ip=10.0.0.1 peer.port=4000\n"
            ])
    }

    @Test func mergesHandlerAndRecordMetadataAndProtectsFixedFields() {
        let captured = CapturedLines()
        var logger = logger(captured, label: "loket rpc")
        logger[metadataKey: "request"] = "r1"
        logger[metadataKey: "user"] = "handler"
        logger.notice("hi", metadata: ["user": "record", "msg": "shadow", "bad key=": "x"])
        #expect(
            captured.lines == [
                "ts=\(Self.fixedTime) level=notice label=\"loket rpc\" msg=hi _msg=shadow bad_key_=x request=r1 "
                    + "user=record\n"
            ])
    }

    @Test func includesTheEventError() {
        struct Failure: Error, CustomStringConvertible { var description: String { "disk full" } }
        let captured = CapturedLines()
        logger(captured).error("write failed", error: Failure())
        #expect(
            captured.lines == [
                "ts=\(Self.fixedTime) level=error label=loketd msg=\"write failed\" error=\"disk full\"\n"
            ])
    }

    @Test func respectsTheLogLevel() {
        let captured = CapturedLines()
        var logger = logger(captured)
        logger.logLevel = .warning
        logger.info("hidden")
        logger.debug("hidden")
        logger.error("shown")
        #expect(captured.lines.count == 1)
        #expect(captured.lines.first?.contains("msg=shown") == true)
    }

    @Test func concurrentRecordsArriveAsWholeLines() async {
        let captured = CapturedLines()
        let logger = logger(captured)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for record in 0..<100 { logger.info("record", metadata: ["task": "\(task)", "n": "\(record)"]) }
                }
            }
        }
        let lines = captured.lines
        #expect(lines.count == 800)
        #expect(lines.allSatisfy { $0.hasPrefix("ts=") && $0.hasSuffix("\n") && !$0.dropLast().contains("\n") })
    }

    @Test func formatsTimestampsInUTCWithMilliseconds() {
        #expect(LogTimestamp.format(secondsSinceEpoch: 1_795_338_000, milliseconds: 123) == "2026-11-22T09:00:00.123Z")
        #expect(LogTimestamp.format(secondsSinceEpoch: 951_868_799, milliseconds: 7) == "2000-02-29T23:59:59.007Z")
        #expect(LogTimestamp.format(secondsSinceEpoch: 0, milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        let now = LogTimestamp.now()
        #expect(now.count == 24 && now.hasSuffix("Z"))
    }

    @Test func makeHandlerPicksFormatAndLevel() {
        let captured = CapturedLines()
        let text = LoketLogging.makeHandler(
            label: "x", config: .init(level: .debug, format: .text), output: captured.output)
        #expect(text is LogfmtLogHandler)
        #expect(text.logLevel == .debug)
        let json = LoketLogging.makeHandler(
            label: "x", config: .init(level: .error, format: .json), output: captured.output)
        #expect(json is JSONLogHandler)
        #expect(json.logLevel == .error)
    }
}
