// swift-tools-version: 6.0
import PackageDescription

/// The grpc-swift-2 peer for Benchmarks/run.sh: grpc.testing.TestService/UnaryCall served by
/// grpc-swift-2 over the HTTP/2 NIO Posix transport.
///
/// Sources/Peer/Generated/ comes from generate.sh (protoc-gen-swift and protoc-gen-grpc-swift-2) and is
/// committed, so building the peer never builds the protoc plugins.
let package = Package(
    name: "GRPCSwiftPeer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "grpc-swift-peer", targets: ["Peer"])
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
    ],
    targets: [
        .executableTarget(
            name: "Peer",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            path: "Sources/Peer"
        )
    ],
    swiftLanguageModes: [.v6]
)
