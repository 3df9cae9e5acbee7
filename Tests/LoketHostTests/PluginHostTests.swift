import LoketPluginAPI
import Logging
import Testing

@testable import LoketHost

/// A plugin whose service has the methods it is told, and whose manifest has the policies it is told.
private struct TestPlugin: Plugin {
    var id = "test"
    var served: [String]
    var declared: [String]

    var manifest: PluginManifest {
        PluginManifest(
            id: id, version: "1", title: LocalizedText(nl: "t", fr: "t", de: "t", en: "t"),
            methods: declared.map { MethodPolicy(service: "loket.test.v1.Test", method: $0, permission: Permission("test.x")) })
    }

    func makeServices(context: PluginContext) throws -> [any RPCService] {
        [TestService(methods: served)]
    }
}

private struct TestService: RPCService {
    var methods: [String]

    func registerMethods(with router: inout RPCRouter) {
        for method in methods {
            router.register(
                RPCHandler(method: MethodDescriptor(service: "loket.test.v1.Test", method: method, kind: .unary)) {
                    bytes, _ in bytes
                })
        }
    }
}

private struct NoDatabase: Database {
    func withTransaction<Result: Sendable>(
        isolation: IsolationLevel, timeout: Duration?, _ body: (any QueryExecutor) async throws -> Result
    ) async throws -> Result {
        throw RPCError(code: .unavailable, message: "no database in this test")
    }

    func query(_ query: PostgresQuery, timeout: Duration?) async throws -> PostgresRows {
        throw RPCError(code: .unavailable, message: "no database in this test")
    }
}

private struct NoAuditJournal: AuditJournal {
    func commit(_ records: [AuditRecord], context: ServerContext) async throws {
        throw RPCError(code: .unavailable, message: "no audit journal in this test")
    }
}

@Suite("Plugin host")
struct PluginHostTests {
    func services(_ plugins: [any Plugin], disabled: [String] = []) throws -> [String: AccessPolicy] {
        let host = try PluginHost(compiledIn: plugins, disabled: disabled)
        return try host.makeServices(
            database: NoDatabase(), clock: SystemWallClock(), logger: Logger(label: "test"),
            auditWriter: StoreAuditWriter(), auditJournal: NoAuditJournal()
        ).policies
    }

    @Test("every served method gets its policy")
    func policies() throws {
        let policies = try services([TestPlugin(served: ["A", "B"], declared: ["A", "B"])])
        #expect(Set(policies.keys) == ["/loket.test.v1.Test/A", "/loket.test.v1.Test/B"])
        #expect(policies["/loket.test.v1.Test/A"]?.plugin?.id == "test")
    }

    @Test("a method without a policy, or a policy without a method, stops startup")
    func mismatch() {
        #expect(throws: PluginHostError.self) { try services([TestPlugin(served: ["A", "B"], declared: ["A"])]) }
        #expect(throws: PluginHostError.self) { try services([TestPlugin(served: ["A"], declared: ["A", "C"])]) }
    }

    @Test("ids must be valid and unique; disabled ids must exist")
    func ids() {
        #expect(throws: PluginHostError.self) { try PluginHost(compiledIn: [TestPlugin(id: "Bad", served: [], declared: [])]) }
        #expect(throws: PluginHostError.self) {
            try PluginHost(compiledIn: [TestPlugin(served: [], declared: []), TestPlugin(served: [], declared: [])])
        }
        #expect(throws: PluginHostError.self) {
            try PluginHost(compiledIn: [TestPlugin(served: [], declared: [])], disabled: ["nope"])
        }
    }

    @Test("a disabled plugin serves nothing")
    func disabled() throws {
        let policies = try services([TestPlugin(served: ["A"], declared: ["A"])], disabled: ["test"])
        #expect(policies.isEmpty)
    }

    @Test("two plugins cannot serve the same method")
    func collision() {
        #expect(throws: PluginHostError.self) {
            try services([TestPlugin(served: ["A"], declared: ["A"]), TestPlugin(id: "other", served: ["A"], declared: ["A"])])
        }
    }
}
