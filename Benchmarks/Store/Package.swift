// swift-tools-version: 6.1
import PackageDescription

/// The store benchmark of issue 4: LoketStore's PostgresPool against pgbench (see ../README.md, "Store benchmark").
/// A package of its own so that the root package carries no benchmark code; it uses the root's LoketStore product.
let package = Package(
    name: "StoreBench",
    platforms: [.macOS(.v15)],
    dependencies: [
        // Named, so that the product reference below does not depend on the name of the checkout's folder.
        .package(name: "Loket", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "store-bench",
            dependencies: [.product(name: "LoketStore", package: "Loket")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
