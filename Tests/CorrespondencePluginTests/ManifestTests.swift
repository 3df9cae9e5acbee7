import LoketPluginAPI
import Testing

@testable import CorrespondencePlugin

@Suite("Manifest and messages")
struct ManifestTests {
    @Test("Every message exists in four languages with the same placeholders")
    func messages() {
        for (key, text) in CorrespondenceMessages.catalog {
            let versions = [text.dutch, text.french, text.german, text.english]
            #expect(versions.allSatisfy { !$0.isEmpty }, "\(key)")
            let placeholders = versions.map { version in
                (0..<4).filter { version.contains("{\($0)}") }
            }
            #expect(Set(placeholders.map { $0.description }).count == 1, "\(key): \(placeholders)")
        }
    }

    @Test("Every RPC has a policy; the ones returning contacts need a purpose")
    func policies() {
        let manifest = CorrespondencePlugin().manifest
        #expect(manifest.id == "correspondence")
        #expect(manifest.migrations.count == 4)
        let paths = Set(manifest.methods.map(\.path))
        #expect(paths.count == 15)
        for method in ["RegisterItem", "GetItem", "GetAttachment", "Transition", "Search"] {
            let policy = manifest.methods.first { $0.path.hasSuffix("/\(method)") }
            #expect(policy?.personalData.requiresPurpose == true, "\(method)")
        }
        #expect(CorrespondencePlugin.terms.roles == [.administrator])
        for method in ["SetChannelTerm", "SetTerm", "DeleteTerm"] {
            let policy = manifest.methods.first { $0.path.hasSuffix("/\(method)") }
            #expect(policy?.permission == CorrespondencePlugin.terms, "\(method)")
        }
        #expect(!CorrespondencePlugin.confidential.roles.contains(.clerk))
    }

    @Test("Confidential items: administrators and scoped integrations hold the permission, clerks do not")
    func confidentiality() {
        let admin = Caller(principalID: "1", principalName: "chef", role: .administrator, department: "a")
        let clerk = Caller(principalID: "2", principalName: "an", role: .clerk, department: "a")
        let archive = Caller(principalID: "3", principalName: "archive", role: .integration, department: "a",
                             scopes: ["correspondence.items.confidential"])
        let scanner = Caller(principalID: "4", principalName: "scanner", role: .integration, department: "a")
        #expect(CorrespondenceService.readsConfidential(admin))
        #expect(!CorrespondenceService.readsConfidential(clerk))
        #expect(CorrespondenceService.readsConfidential(archive))
        #expect(!CorrespondenceService.readsConfidential(scanner))
    }
}
