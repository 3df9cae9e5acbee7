#!/usr/bin/env bash
# Regenerates every piece of generated code from Protos/ (and the generator's own bootstrap C code).
#
#   scripts/generate.sh          write the generated files in place
#   scripts/generate.sh --check  regenerate into a scratch copy and fail if anything differs (CI uses this)
#
# Generated code is committed: a build never needs protoc. Each group below is one protoc run that produces a
# C module (protoc-c output plus descriptor accessors) and a Swift module part (value types, service glue and the
# embedded descriptor set).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

check=0
[ "${1:-}" = "--check" ] && check=1

# group name | proto files (space separated, relative to Protos/) | C target dir | Swift dir | Swift module | C module
groups=(
  "standard|grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto grpc/reflection/v1alpha/reflection.proto grpc/testing/empty.proto grpc/testing/messages.proto grpc/testing/test.proto|Sources/CLoketStandardProtos|Sources/LoketStandardServices/Generated|LoketStandardServices|CLoketStandardProtos"
  "host|loket/admin/v1/admin.proto|Sources/CLoketHostProtos|Sources/LoketHost/Generated|LoketHost|CLoketHostProtos"
  "example|loket/example/v1/counter_visits.proto|Plugins/Example/CProtos|Plugins/Example/Sources/Generated|ExamplePlugin|CExamplePluginProtos"
  "civilregistry|loket/civilregistry/v1/civil_registry.proto|Plugins/CivilRegistry/CProtos|Plugins/CivilRegistry/Sources/Generated|CivilRegistryPlugin|CCivilRegistryPluginProtos"
  "feedback|loket/feedback/v1/complaints.proto loket/feedback/v1/surveys.proto|Plugins/Feedback/CProtos|Plugins/Feedback/Sources/Generated|FeedbackPlugin|CFeedbackPluginProtos"
  "correspondence|loket/correspondence/v1/correspondence.proto|Plugins/Correspondence/CProtos|Plugins/Correspondence/Sources/Generated|CorrespondencePlugin|CCorrespondencePluginProtos"
  "elections|loket/elections/v1/elections.proto|Plugins/Elections/CProtos|Plugins/Elections/Sources/Generated|ElectionsPlugin|CElectionsPluginProtos"
  "conformance|loket/conformance/v1/all_types.proto loket/conformance/v1/echo.proto|Tests/CLoketConformance|Tests/LoketConformance/Generated|LoketConformance|CLoketConformance"
)

system_include="$(dirname "$(dirname "$(readlink -f "$(command -v protoc)")")")/include"
[ -f "$system_include/google/protobuf/descriptor.proto" ] || system_include=/usr/include

out_root="$root"
if [ $check = 1 ]; then
  out_root="$(mktemp -d)"
  trap 'rm -rf "$out_root"' EXIT
fi

# 1. The generator's own C code for descriptor.proto and plugin.proto (bootstrap: plain protoc-c).
boot="$(mktemp -d)"
protoc-c -I"$system_include" --c_out="$boot" google/protobuf/descriptor.proto google/protobuf/compiler/plugin.proto
plugin_dir="$out_root/Sources/CProtocPlugin"
rm -rf "$plugin_dir/include" "$plugin_dir/google"
mkdir -p "$plugin_dir/include"
(cd "$boot" && find . -name '*.h' -exec install -D -m 644 {} "$plugin_dir/include/{}" \;)
(cd "$boot" && find . -name '*.c' -exec install -D -m 644 {} "$plugin_dir/{}" \;)
rm -rf "$boot"

# 2. Build the generator (in its own scratch folder, so that it never waits on the main build's lock).
swift build -c release --scratch-path "$root/.build-codegen" --product protoc-gen-loket >/dev/null
plugin="$root/.build-codegen/release/protoc-gen-loket"

# 3. One protoc run per group.
for group in "${groups[@]}"; do
  IFS='|' read -r name protos c_dir swift_dir module c_module <<<"$group"
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2086
  protoc -I"$root/Protos" -I"$system_include" \
    --plugin=protoc-gen-loket="$plugin" \
    --loket_out="module=$module,c_module=$c_module:$tmp" \
    $protos
  rm -rf "${out_root:?}/$c_dir/include" "${out_root:?}/$c_dir/generated" "${out_root:?}/$swift_dir"
  mkdir -p "$out_root/$c_dir" "$out_root/$swift_dir"
  cp -R "$tmp/c/include" "$out_root/$c_dir/include"
  cp -R "$tmp/c/generated" "$out_root/$c_dir/generated"
  cp -R "$tmp/swift/." "$out_root/$swift_dir/"
  rm -rf "$tmp"
done

if [ $check = 1 ]; then
  status=0
  for dir in Sources/CProtocPlugin/include Sources/CProtocPlugin/google; do
    diff -r "$root/$dir" "$out_root/$dir" || status=1
  done
  for group in "${groups[@]}"; do
    IFS='|' read -r name protos c_dir swift_dir module c_module <<<"$group"
    for dir in "$c_dir/include" "$c_dir/generated" "$swift_dir"; do
      diff -r "$root/$dir" "$out_root/$dir" || status=1
    done
  done
  if [ $status != 0 ]; then
    echo "generated code is stale: run scripts/generate.sh and commit the result" >&2
    exit 1
  fi
  echo "generated code is up to date"
fi
