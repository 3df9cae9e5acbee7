import LoketPluginAPI
import Testing

@Suite("Caller and permissions")
struct CallerTests {
    let read = Permission("example.visits.read")
    let write = Permission("example.visits.write", roles: [.clerk, .integration])
    let admin = Permission("loket.admin", roles: [.administrator])

    func caller(_ role: Role, scopes: Set<String> = []) -> Caller {
        Caller(principalID: "p", principalName: "n", role: role, department: "d", scopes: scopes)
    }

    @Test("administrators hold every permission")
    func administrators() {
        for permission in [read, write, admin] { #expect(caller(.administrator).holds(permission)) }
    }

    @Test("clerks hold what lists clerks")
    func clerks() {
        #expect(caller(.clerk).holds(read))
        #expect(caller(.clerk).holds(write))
        #expect(!caller(.clerk).holds(admin))
    }

    @Test("integrations need the role on the permission and the permission in their scope")
    func integrations() {
        #expect(!caller(.integration).holds(write))
        #expect(caller(.integration, scopes: ["example.visits.write"]).holds(write))
        #expect(!caller(.integration, scopes: ["example.visits.read"]).holds(read))
    }

    @Test("a context without a caller is unauthenticated; with one, it answers in the caller's language")
    func contextCaller() throws {
        var context = ServerContext(method: MethodDescriptor(service: "s", method: "m", kind: .unary))
        #expect(throws: RPCError.self) { try context.caller }
        var metadata = Metadata()
        metadata.addString("fr-BE", forKey: "accept-language")
        context.requestMetadata = metadata
        #expect(context.language == .french)
        var withCaller = caller(.clerk)
        withCaller.language = .german
        context[CallerKey.self] = withCaller
        #expect(try context.caller.principalName == "n")
        #expect(context.language == .german)
    }

    @Test("plugin ids are lowercase words with hyphens")
    func pluginIDs() {
        for valid in ["example", "civil-registry", "a1"] { #expect(PluginManifest.isValidID(valid)) }
        for invalid in ["", "Example", "1abc", "civil_registry", "a b", String(repeating: "a", count: 41)] {
            #expect(!PluginManifest.isValidID(invalid))
        }
    }
}
