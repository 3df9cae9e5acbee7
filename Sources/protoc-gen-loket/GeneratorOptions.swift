/// The `--loket_out=key=value,...:dir` parameters.
struct GeneratorOptions {
    /// The Swift module the generated Swift files belong to (names the descriptor-set enum).
    var module = "Generated"
    /// The C module holding protoc-c's output, imported by the Swift files.
    var cModule = "CGenerated"
    /// The protoc-c plugin binary to run for the C code.
    var protocGenC = "protoc-gen-c"

    init(parameter: String) throws {
        for pair in parameter.split(separator: ",") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw GeneratorError("parameter '\(pair)' is not key=value") }
            switch parts[0] {
            case "module": module = parts[1]
            case "c_module": cModule = parts[1]
            case "protoc_gen_c": protocGenC = parts[1]
            default: throw GeneratorError("unknown parameter '\(parts[0])'")
            }
        }
    }
}

/// A failure the generator reports to protoc (which prints it and exits non-zero).
struct GeneratorError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
