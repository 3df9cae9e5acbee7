#!/usr/bin/env bash
# Regenerates Sources/Peer/Generated/ from Protos/grpc/testing/*.proto with the two protoc plugins that
# grpc-swift-2 uses: protoc-gen-swift (apple/swift-protobuf) and protoc-gen-grpc-swift-2
# (grpc/grpc-swift-protobuf). The plugins are built once in a scratch folder of this script's own
# (.build-plugins/, git-ignored); later runs reuse them. The first build takes about ten minutes.
#
# The generated files are committed, so Benchmarks/run.sh never needs the plugins.
# Needs: swift, protoc (Debian's protobuf-compiler).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
scratch="$here/.build-plugins"
out="$here/Sources/Peer/Generated"

# Pinned to the versions Package.swift of the peer resolves, so that generated code and runtime agree.
swift_protobuf_version="1.39.0"
grpc_swift_protobuf_version="2.4.1"

command -v protoc >/dev/null || { echo "generate.sh: protoc is missing (apt-get install protobuf-compiler)" >&2; exit 1; }

# A throwaway package whose only job is to pull in the plugin products as dependencies.
mkdir -p "$scratch/Sources/Nothing"
cat > "$scratch/Package.swift" <<SWIFT
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "PeerCodegenPlugins",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "$swift_protobuf_version"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "$grpc_swift_protobuf_version"),
    ],
    targets: [
        .target(name: "Nothing", path: "Sources/Nothing"),
    ]
)
SWIFT
echo "// Placeholder so that the plugin-building package has a target." > "$scratch/Sources/Nothing/Nothing.swift"

bin="$scratch/.build/release"
for product in protoc-gen-swift protoc-gen-grpc-swift-2; do
  if [ ! -x "$bin/$product" ]; then
    echo "generate.sh: building $product (release) in $scratch"
    start=$SECONDS
    swift build -c release --package-path "$scratch" --scratch-path "$scratch/.build" --product "$product"
    echo "generate.sh: built $product in $((SECONDS - start)) s"
  fi
done

rm -rf "$out"
mkdir -p "$out"
protos=(grpc/testing/empty.proto grpc/testing/messages.proto grpc/testing/test.proto)
protoc -I "$root/Protos" \
  --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
  --swift_out="$out" \
  --swift_opt=Visibility=Internal \
  --plugin=protoc-gen-grpc-swift-2="$bin/protoc-gen-grpc-swift-2" \
  --grpc-swift-2_out="$out" \
  --grpc-swift-2_opt=Visibility=Internal,Server=true,Client=false \
  "${protos[@]}"
echo "generate.sh: wrote $(cd "$out" && find . -name '*.swift' | sort | tr '\n' ' ')"
