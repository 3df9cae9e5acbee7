import LoketRPC
import LoketStandardServices
import Testing

private typealias Health = Grpc_Health_V1_Health
private typealias CheckRequest = Grpc_Health_V1_HealthCheckRequest
private typealias CheckResponse = Grpc_Health_V1_HealthCheckResponse

@Suite("grpc.health.v1.Health")
struct HealthServiceTests {
    let board = HealthStatusBoard()
    var harness: RouterHarness { RouterHarness(HealthService(statusBoard: board)) }

    private func check(_ service: String) async throws -> CheckResponse.ServingStatus? {
        try await harness.call(Health.Method.check, [CheckRequest.with { $0.service = service }], as: CheckResponse.self)
            .first?.status
    }

    @Test("Check answers for the whole server and for a registered service")
    func checkKnown() async throws {
        board.setStatus(.serving, forService: "loket.burgerzaken.v1.Uittreksels")
        #expect(try await check("") == .serving)
        #expect(try await check("loket.burgerzaken.v1.Uittreksels") == .serving)
    }

    @Test("Check for an unknown service fails with NOT_FOUND naming the service")
    func checkUnknown() async throws {
        let error = await #expect(throws: RPCError.self) { _ = try await check("loket.onbekend.v1.Niets") }
        #expect(error?.code == .notFound)
        #expect(error?.message.contains("loket.onbekend.v1.Niets") == true)
    }

    @Test("a status change shows in Check and List")
    func statusChange() async throws {
        board.setStatus(.serving, forService: "a.A")
        board.setStatus(.notServing, forService: "a.A")
        #expect(try await check("a.A") == .notServing)
        let list = try await harness.call(
            Health.Method.list, [Grpc_Health_V1_HealthListRequest()], as: Grpc_Health_V1_HealthListResponse.self)
        #expect(list.count == 1)
        #expect(list.first?.statuses.mapValues(\.status) == ["": .serving, "a.A": .notServing])
    }

    @Test("markAllNotServing sets every service and the whole server to NOT_SERVING")
    func markAllNotServing() async throws {
        board.setStatus(.serving, forService: "a.A")
        board.setStatus(.unknown, forService: "b.B")
        board.markAllNotServing()
        #expect(board.allStatuses == ["": .notServing, "a.A": .notServing, "b.B": .notServing])
        #expect(try await check("") == .notServing)
    }

    @Test("Watch sends the current status, then only real changes, and ends without leaking when cancelled")
    func watch() async throws {
        board.setStatus(.serving, forService: "a.A")
        let call = try harness.start(Health.Method.watch, CheckRequest.with { $0.service = "a.A" }, as: CheckResponse.self)
        var responses = call.responses.makeAsyncIterator()
        #expect(await responses.next()?.status == .serving)
        #expect(board.watcherCount == 1)

        board.setStatus(.notServing, forService: "a.A")
        #expect(await responses.next()?.status == .notServing)
        // A repeat is not a change: the next message must be the one after it.
        board.setStatus(.notServing, forService: "a.A")
        board.setStatus(.serving, forService: "b.B")
        board.markAllNotServing()
        board.setStatus(.serving, forService: "a.A")
        #expect(await responses.next()?.status == .serving)

        call.task.cancel()
        _ = await call.task.result
        #expect(await responses.next() == nil)
        #expect(board.watcherCount == 0)
    }

    @Test("Watch for an unknown service reports SERVICE_UNKNOWN and keeps waiting for it")
    func watchUnknown() async throws {
        let call = try harness.start(Health.Method.watch, CheckRequest.with { $0.service = "later.L" }, as: CheckResponse.self)
        var responses = call.responses.makeAsyncIterator()
        #expect(await responses.next()?.status == .serviceUnknown)
        board.setStatus(.serving, forService: "later.L")
        #expect(await responses.next()?.status == .serving)
        call.task.cancel()
        let result = await call.task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(board.watcherCount == 0)
    }

    @Test("markAllNotServing reaches every watcher")
    func watchShutdown() async throws {
        let calls = try ["", "a.A"].map { service in
            board.setStatus(.serving, forService: service)
            return try harness.start(Health.Method.watch, CheckRequest.with { $0.service = service }, as: CheckResponse.self)
        }
        var iterators = calls.map { $0.responses.makeAsyncIterator() }
        for index in iterators.indices { #expect(await iterators[index].next()?.status == .serving) }
        board.markAllNotServing()
        for index in iterators.indices { #expect(await iterators[index].next()?.status == .notServing) }
        for call in calls {
            call.task.cancel()
            _ = await call.task.result
        }
        #expect(board.watcherCount == 0)
    }

    @Test("a watch stream dropped unread removes its watcher")
    func droppedUpdates() {
        do {
            let updates = board.updates(forService: "")
            #expect(board.watcherCount == 1)
            _ = updates
        }
        #expect(board.watcherCount == 0)
    }
}
