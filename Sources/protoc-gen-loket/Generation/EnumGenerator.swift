/// Emits a Swift enum for a protobuf enum, with an `unrecognized` case for numbers it does not know.
struct EnumGenerator {
    let enumeration: ProtoEnum
    /// The Swift type name (the proto name, with the file's prefix for top-level enums).
    let swiftName: String

    /// The values that get a case: the first name for each number (aliases share it).
    private var distinct: [(caseName: String, value: ProtoEnum.Value)] {
        var seen: Set<Int32> = []
        return enumeration.values.compactMap { value in
            guard seen.insert(value.number).inserted else { return nil }
            return (Naming.identifier(Naming.enumCase(value.name, enumName: enumeration.name)), value)
        }
    }

    func emit(into p: inout CodePrinter) {
        p.docComment(enumeration.comment.isEmpty ? "The `\(enumeration.fullName)` enum." : enumeration.comment)
        p.block("public enum \(swiftName): ProtobufEnum") { p in
            for (caseName, value) in distinct {
                p.docComment(value.comment.isEmpty ? "`\(value.name)` = \(value.number)." : value.comment)
                p.line("case \(caseName)")
            }
            p.line("/// A number this build has no case for; kept so that it survives a round trip.")
            p.line("case unrecognized(Int32)")
            p.line()
            p.line("/// The cases declared in the proto.")
            p.line("public static let allCases: [Self] = [\(distinct.map { "." + $0.caseName }.joined(separator: ", "))]")
            p.line()
            p.line("/// The case for a wire number.")
            p.block("public init(rawValue: Int32)") { p in
                p.line("switch rawValue {")
                for (caseName, value) in distinct { p.line("case \(value.number): self = .\(caseName)") }
                p.line("default: self = .unrecognized(rawValue)")
                p.line("}")
            }
            p.line()
            p.line("/// The wire number.")
            p.block("public var rawValue: Int32") { p in
                p.line("switch self {")
                for (caseName, value) in distinct { p.line("case .\(caseName): \(value.number)") }
                p.line("case .unrecognized(let number): number")
                p.line("}")
            }
        }
    }
}
