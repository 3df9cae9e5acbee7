#!/usr/bin/env python3
"""Checks the module graph against the architecture's rules (README, "Architecture"), from `swift package describe`:

- LoketPluginAPI, and with it every plugin, reaches nothing of NIO, nghttp2, libpq, cairo, the transport, the store,
  the document renderer or the host, even transitively;
- a plugin (a target under Plugins/) depends on LoketPluginAPI and C modules of its own generated code only, never
  on another plugin.

Exits 1 with one line per violation.
"""

import json
import subprocess
import sys

FORBIDDEN = {"CNGHTTP2", "CLibPQ", "LoketHTTP2", "LoketStore", "LoketHost", "LoketClient",
             "NIOCore", "NIOPosix", "NIOSSL", "NIOEmbedded", "LoketDocuments", "CCairo", "CLoketAffinity",
             "CLoketBlockCache"}

description = json.loads(subprocess.run(["swift", "package", "describe", "--type", "json"],
                                        capture_output=True, text=True, check=True).stdout)
targets = {target["name"]: target for target in description["targets"]}


def direct(name: str) -> set[str]:
    target = targets.get(name, {})
    return set(target.get("target_dependencies", [])) | set(target.get("product_dependencies", []))


def closure(name: str) -> set[str]:
    seen, pending = set(), [name]
    while pending:
        for dependency in direct(pending.pop()):
            if dependency not in seen:
                seen.add(dependency)
                pending.append(dependency)
    return seen


problems = []
reachable = closure("LoketPluginAPI")
for module in sorted(reachable & FORBIDDEN):
    problems.append(f"LoketPluginAPI reaches {module}")
in_plugins = {name: target["path"].split("/")[1] for name, target in targets.items()
              if target["path"].startswith("Plugins/") and target.get("type") != "test"}
# C targets by their module type, not their name: a Swift plugin may well start with a C (CivilRegistryPlugin).
c_targets = {name for name in in_plugins if targets[name].get("module_type") == "ClangTarget"}
plugins = set(in_plugins) - c_targets
for name in sorted(set(in_plugins) - plugins):
    for dependency in sorted(direct(name) - {"CProtobufC"}):
        problems.append(f"generated C target {name} depends on {dependency}")
for plugin in sorted(plugins):
    for dependency in sorted(direct(plugin) - {"LoketPluginAPI"}):
        if dependency in c_targets and in_plugins.get(dependency) == in_plugins[plugin]:
            continue  # the plugin's own generated C code
        problems.append(f"plugin target {plugin} depends on {dependency}")

for problem in problems:
    print(f"architecture: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"architecture: LoketPluginAPI reaches {len(reachable)} modules, none forbidden; {len(plugins)} plugin "
      "targets depend on the plugin API and their own C code only")
