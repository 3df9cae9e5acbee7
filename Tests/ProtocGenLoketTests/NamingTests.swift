@testable import protoc_gen_loket
import Testing

@Suite("Generator naming rules")
struct NamingTests {
    @Test("C symbol stems follow protoc-c's CamelToLower", arguments: [
        ("loket.conformance.v1.AllTypes", "loket__conformance__v1__all_types"),
        ("a.AllTypes.MStringStringEntry", "a__all_types__mstring_string_entry"),
        ("grpc.health.v1.HealthCheckRequest", "grpc__health__v1__health_check_request"),
        ("x.HTTPRequest", "x__httprequest"),
        ("x.V1Thing", "x__v1_thing"),
        ("x.aBcD", "x__a_bc_d"),
    ])
    func cLower(input: String, expected: String) {
        #expect(Naming.cLower(input) == expected)
    }

    @Test("Swift names: properties, enum cases, package prefixes")
    func swiftNames() {
        #expect(Naming.lowerCamel("f_int32") == "fInt32")
        #expect(Naming.lowerCamel("HTTPName") == "httpName")
        #expect(Naming.lowerCamel("ServerReflectionInfo") == "serverReflectionInfo")
        #expect(Naming.lowerCamel("national_register_number") == "nationalRegisterNumber")
        #expect(Naming.enumCase("COLOR_RED", enumName: "Color") == "red")
        #expect(Naming.enumCase("SERVICE_UNKNOWN", enumName: "ServingStatus") == "serviceUnknown")
        #expect(Naming.enumCase("CIVIL_STATUS_MARRIED", enumName: "CivilStatus") == "married")
        #expect(Naming.enumCase("LEVEL_2", enumName: "Level") == "_2")
        #expect(Naming.packagePrefix("grpc.health.v1") == "Grpc_Health_V1_")
        #expect(Naming.packagePrefix("") == "")
        #expect(Naming.identifier("default") == "`default`")
        #expect(Naming.identifier("name") == "name")
    }

    @Test("doc comments keep their lines and drop trailing blank ones")
    func docComments() {
        var printer = CodePrinter()
        printer.docComment(" First line.\n\n Second line.\n\n")
        #expect(printer.text == "/// First line.\n///\n/// Second line.\n")
    }
}
