// swift-tools-version: 6.1
import PackageDescription

/// Loket: a gRPC backend for city administrations.
///
/// Module layout and dependency direction are described in README.md ("Architecture").
let package = Package(
    name: "Loket",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "loketd", targets: ["loketd"]),
        .executable(name: "loketctl", targets: ["loketctl"]),
        .executable(name: "protoc-gen-loket", targets: ["protoc-gen-loket"]),
        .library(name: "LoketRPC", targets: ["LoketRPC"]),
        .library(name: "LoketWire", targets: ["LoketWire"]),
        .library(name: "LoketStore", targets: ["LoketStore"]),
        .library(name: "LoketSQL", targets: ["LoketSQL"]),
        .library(name: "LoketClient", targets: ["LoketClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
    ],
    targets: [
        // MARK: C libraries, found through pkg-config.
        .systemLibrary(name: "CNGHTTP2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "CProtobufC", pkgConfig: "libprotobuf-c", providers: [.apt(["libprotobuf-c-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // Linux's thread-affinity calls (GNU extensions the Glibc module leaves out), for `server.pin_threads`.
        .target(name: "CLoketAffinity"),
        // Per-session free lists behind nghttp2's allocator hooks (nghttp2_mem).
        .target(name: "CLoketBlockCache"),

        // MARK: Core modules.
        .target(
            name: "LoketWire",
            dependencies: ["CProtobufC"]
        ),
        .target(
            name: "LoketRPC",
            dependencies: ["LoketWire"]
        ),
        // nghttp2 helpers shared by the server transport and the client.
        .target(
            name: "LoketNGHTTP2Support",
            dependencies: ["CNGHTTP2"]
        ),
        .target(
            name: "LoketHTTP2",
            dependencies: [
                "LoketRPC", "CNGHTTP2", "CZlib", "LoketNGHTTP2Support", "CLoketAffinity", "CLoketBlockCache",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The hot path mutates class state on one event loop; dynamic exclusivity checks cost ~3% of a call.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        // The standard gRPC services (health, reflection, the interop test service), transport-free.
        .target(
            name: "CLoketStandardProtos",
            dependencies: ["CProtobufC"]
        ),
        .target(
            name: "LoketStandardServices",
            dependencies: ["LoketRPC", "LoketWire", "CLoketStandardProtos"]
        ),
        // Statements with bound parameters, result rows, the PostgreSQL value codecs, migrations and store errors:
        // everything about SQL that needs no connection, shared by the store and the plugin API.
        .target(
            name: "LoketSQL",
            dependencies: ["LoketRPC"]
        ),
        // The only module that knows libpq: pool, connections, transactions, the migrator, LISTEN/NOTIFY.
        .target(
            name: "LoketStore",
            dependencies: [
                "CLibPQ", "CLoketAffinity", "LoketRPC", "LoketSQL",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // All a plugin imports; nothing of NIO, nghttp2 or libpq.
        .target(
            name: "LoketPluginAPI",
            dependencies: [
                "LoketRPC", "LoketWire", "LoketSQL", "LoketCalendar",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // PDFs of the plugin API's documents, drawn with cairo; the host hands plugins a renderer from here.
        .target(
            name: "LoketDocuments",
            dependencies: ["CCairo", "LoketPluginAPI"]
        ),
        .target(
            name: "CLoketHostProtos",
            dependencies: ["CProtobufC"]
        ),
        .target(
            name: "LoketHost",
            dependencies: [
                "LoketRPC", "LoketHTTP2", "LoketStandardServices", "LoketStore", "LoketPluginAPI", "CLoketHostProtos",
                "LoketCalendar", "LoketDocuments",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")]
        ),
        // A gRPC client for unary calls (nghttp2 + NIO), for loketctl and integration tests; not the server transport.
        .target(
            name: "LoketClient",
            dependencies: [
                "LoketRPC", "LoketWire", "CNGHTTP2", "LoketNGHTTP2Support",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // Working days: Belgian holidays, regional days by config, closing days; depends on nothing.
        .target(name: "LoketCalendar"),

        // MARK: Plugins. Each depends on LoketPluginAPI (and its own generated C code) only.
        .target(
            name: "CExamplePluginProtos",
            dependencies: ["CProtobufC"],
            path: "Plugins/Example/CProtos"
        ),
        .target(
            name: "ExamplePlugin",
            dependencies: ["LoketPluginAPI", "CExamplePluginProtos"],
            path: "Plugins/Example/Sources",
            resources: [.copy("Migrations")]
        ),
        .target(
            name: "CCivilRegistryPluginProtos",
            dependencies: ["CProtobufC"],
            path: "Plugins/CivilRegistry/CProtos"
        ),
        .target(
            name: "CivilRegistryPlugin",
            dependencies: ["LoketPluginAPI", "CCivilRegistryPluginProtos"],
            path: "Plugins/CivilRegistry/Sources",
            resources: [.copy("Migrations")]
        ),
        .target(
            name: "CFeedbackPluginProtos",
            dependencies: ["CProtobufC"],
            path: "Plugins/Feedback/CProtos"
        ),
        .target(
            name: "FeedbackPlugin",
            dependencies: ["LoketPluginAPI", "CFeedbackPluginProtos"],
            path: "Plugins/Feedback/Sources",
            resources: [.copy("Migrations")]
        ),
        .target(
            name: "CCorrespondencePluginProtos",
            dependencies: ["CProtobufC"],
            path: "Plugins/Correspondence/CProtos"
        ),
        .target(
            name: "CorrespondencePlugin",
            dependencies: ["LoketPluginAPI", "CCorrespondencePluginProtos"],
            path: "Plugins/Correspondence/Sources",
            resources: [.copy("Migrations")]
        ),
        .target(
            name: "CElectionsPluginProtos",
            dependencies: ["CProtobufC"],
            path: "Plugins/Elections/CProtos"
        ),
        .target(
            name: "ElectionsPlugin",
            dependencies: ["LoketPluginAPI", "CElectionsPluginProtos"],
            path: "Plugins/Elections/Sources",
            resources: [.copy("Migrations")]
        ),

        // MARK: Executables.
        .executableTarget(
            name: "loketd",
            dependencies: [
                "LoketHost", "LoketPluginAPI", "ExamplePlugin", "CivilRegistryPlugin", "ElectionsPlugin",
                "FeedbackPlugin", "CorrespondencePlugin",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The administration command line: the admin RPCs over LoketClient, and `bootstrap` straight on the store.
        .executableTarget(
            name: "loketctl",
            dependencies: [
                "LoketHost", "LoketClient", "LoketRPC", "LoketWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Code generation.
        // protoc-c output for descriptor.proto and plugin.proto, so that the generator reads its
        // CodeGeneratorRequest with protobuf-c itself.
        .target(
            name: "CProtocPlugin",
            dependencies: ["CProtobufC"],
            path: "Sources/CProtocPlugin"
        ),
        .executableTarget(
            name: "protoc-gen-loket",
            dependencies: ["CProtocPlugin", "CProtobufC"]
        ),

        // MARK: Test-only generated code (every proto3 field type).
        .target(
            name: "CLoketConformance",
            dependencies: ["CProtobufC"],
            path: "Tests/CLoketConformance"
        ),
        .target(
            name: "LoketConformance",
            dependencies: ["LoketWire", "LoketRPC", "CLoketConformance"],
            path: "Tests/LoketConformance"
        ),

        // MARK: Tests.
        .testTarget(
            name: "LoketWireTests",
            dependencies: ["LoketWire", "LoketConformance", "CProtobufC"]
        ),
        .testTarget(
            name: "LoketRPCTests",
            dependencies: ["LoketRPC", "LoketConformance"]
        ),
        .testTarget(
            name: "LoketHTTP2Tests",
            dependencies: [
                "LoketHTTP2", "LoketRPC", "LoketWire", "LoketConformance", "CNGHTTP2",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LoketStandardServicesTests",
            dependencies: ["LoketStandardServices", "LoketRPC", "LoketWire"]
        ),
        .testTarget(
            name: "ProtocGenLoketTests",
            dependencies: ["protoc-gen-loket"]
        ),
        .testTarget(
            name: "SystemLibrariesTests",
            dependencies: ["CNGHTTP2", "CProtobufC", "CLibPQ", "CZlib", "CLoketAffinity", "CLoketBlockCache"]
        ),
        .testTarget(
            name: "LoketStoreTests",
            dependencies: [
                "LoketStore", "LoketRPC",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LoketPluginAPITests",
            dependencies: ["LoketPluginAPI"]
        ),
        .testTarget(
            name: "LoketHostTests",
            dependencies: [
                "LoketHost", "LoketPluginAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "LoketCalendarTests", dependencies: ["LoketCalendar"]),
        .testTarget(name: "LoketDocumentsTests", dependencies: ["LoketDocuments", "LoketPluginAPI"]),
        .testTarget(name: "CivilRegistryPluginTests", dependencies: ["CivilRegistryPlugin", "LoketDocuments"]),
        .testTarget(name: "FeedbackPluginTests", dependencies: ["FeedbackPlugin", "LoketPluginAPI"]),
        .testTarget(
            name: "CorrespondencePluginTests",
            dependencies: ["CorrespondencePlugin", "LoketPluginAPI"],
            path: "Tests/CorrespondencePluginTests"
        ),
        .testTarget(name: "ElectionsPluginTests", dependencies: ["ElectionsPlugin"]),
        .testTarget(
            name: "LoketClientTests",
            dependencies: [
                "LoketClient", "LoketHTTP2", "LoketRPC", "LoketStandardServices",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    // Swift 6 mode without the upcoming feature NonisolatedNonsendingByDefault (SE-0461), measured and backed out on
    // Swift 6.3.1: it cut GetPerson's task switches from 42.6 to 25.6 per call, but with it a MethodDescriptor that
    // stores its path crashed at startup (an over-release in RPCRouter.wrap's closures), in debug and release
    // alike; upstream has open reports of such miscompiles (swiftlang/swift#86411). Try again with a newer compiler.
    swiftLanguageModes: [.v6]
)
