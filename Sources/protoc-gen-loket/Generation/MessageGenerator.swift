/// Emits the Swift value type of one message, its oneof enums and its nested types.
struct MessageGenerator {
    let message: ProtoMessage
    let types: TypeTable
    let accessorPrefix: String

    /// Fields sorted by number: their position is the index in protobuf-c's field table.
    private var sortedFields: [ProtoField] { message.fields.sorted { $0.number < $1.number } }

    private func index(_ field: ProtoField) -> Int {
        sortedFields.firstIndex { $0.number == field.number }!
    }

    /// Oneofs declared in the proto (not the synthetic ones of proto3 `optional`), with their members.
    private var realOneofs: [(name: String, members: [ProtoField])] {
        message.oneofNames.enumerated().compactMap { i, name in
            let members = message.fields.filter { $0.oneofIndex == i && !$0.isProto3Optional }
            return members.isEmpty ? nil : (name, members)
        }
    }

    private enum Shape {
        case plain, presence, message(boxed: Bool), repeated, map(ProtoMessage), oneofMember
    }

    private func shape(_ field: ProtoField) -> Shape {
        if let entry = types.mapEntry(for: field) { return .map(entry) }
        if field.label == .repeated { return .repeated }
        if field.oneofIndex != nil && !field.isProto3Optional { return .oneofMember }
        if field.kind == .message || field.kind == .group {
            return .message(boxed: types.reaches(field.typeName, "." + message.fullName))
        }
        if field.isProto3Optional || (field.isProto2 && field.label == .optional) { return .presence }
        return .plain
    }

    private func code(_ field: ProtoField) -> FieldCode {
        FieldCode(kind: field.kind, typeName: field.typeName, types: types)
    }

    private func property(_ field: ProtoField) -> String { Naming.identifier(Naming.lowerCamel(field.name)) }

    /// The proto comment, or a line naming the field and its number.
    private func comment(_ field: ProtoField) -> String {
        field.comment.isEmpty ? "`\(field.name)` (field \(field.number))." : field.comment
    }

    func emit(into p: inout CodePrinter) {
        p.docComment(message.comment.isEmpty ? "The `\(message.fullName)` message." : message.comment)
        p.block("public struct \(message.name): ProtobufMessage") { p in
            emitProperties(into: &p)
            for oneof in realOneofs { emitOneofEnum(oneof.name, oneof.members, into: &p) }
            p.line("/// The protobuf-c layout of `\(message.fullName)`.")
            p.block("public static var wireDescriptor: WireDescriptor") { p in
                p.line("WireDescriptor(\(accessorPrefix)\(Naming.cLower(message.fullName))())")
            }
            p.line()
            p.line("/// Creates a message with every field at its default.")
            p.line("public init() {}")
            p.line()
            emitReader(into: &p)
            p.line()
            emitWriter(into: &p)
            for nested in message.nestedMessages where !nested.isMapEntry {
                p.line()
                MessageGenerator(message: nested, types: types, accessorPrefix: accessorPrefix).emit(into: &p)
            }
            for nested in message.nestedEnums {
                p.line()
                EnumGenerator(enumeration: nested, swiftName: nested.name).emit(into: &p)
            }
        }
    }

    private func emitProperties(into p: inout CodePrinter) {
        var emittedOneofs: Set<Int> = []
        for field in message.fields {
            let c = code(field)
            let name = property(field)
            switch shape(field) {
            case .plain:
                p.docComment(comment(field))
                p.line("public var \(name): \(c.swiftType) = \(c.defaultValue(types: types, typeName: field.typeName))")
            case .presence:
                p.docComment(comment(field))
                p.line("public var \(name): \(c.swiftType)? = nil")
            case .message(let boxed):
                p.docComment(comment(field))
                if boxed {
                    let storage = "_\(Naming.lowerCamel(field.name))Box"
                    p.line("public var \(name): \(c.swiftType)? {")
                    p.indent { p in
                        p.line("get { \(storage)?.value }")
                        p.line("set { \(storage) = newValue.map(ProtobufBox.init) }")
                    }
                    p.line("}")
                    p.line("private var \(storage): ProtobufBox<\(c.swiftType)>? = nil")
                } else {
                    p.line("public var \(name): \(c.swiftType)? = nil")
                }
            case .repeated:
                p.docComment(comment(field))
                p.line("public var \(name): [\(c.swiftType)] = []")
            case .map(let entry):
                let (key, value) = mapCodes(entry)
                p.docComment(comment(field))
                p.line("public var \(name): [\(key.swiftType): \(value.swiftType)] = [:]")
            case .oneofMember:
                let oneofIndex = field.oneofIndex!
                guard emittedOneofs.insert(oneofIndex).inserted else { continue }
                let oneofName = message.oneofNames[oneofIndex]
                p.line("/// The `\(oneofName)` oneof: at most one of its fields is set.")
                p.line("public var \(Naming.identifier(Naming.lowerCamel(oneofName))): \(oneofTypeName(oneofName))? = nil")
            }
        }
        p.line()
    }

    private func oneofTypeName(_ name: String) -> String {
        "OneOf_" + Naming.upperFirst(Naming.lowerCamel(name))
    }

    private func mapCodes(_ entry: ProtoMessage) -> (key: FieldCode, value: FieldCode) {
        let key = entry.fields.first { $0.number == 1 }!
        let value = entry.fields.first { $0.number == 2 }!
        return (code(key), code(value))
    }

    private func emitOneofEnum(_ name: String, _ members: [ProtoField], into p: inout CodePrinter) {
        let recursive = members.contains {
            ($0.kind == .message || $0.kind == .group) && types.reaches($0.typeName, "." + message.fullName)
        }
        p.line("/// The fields of the `\(name)` oneof.")
        p.block("public \(recursive ? "indirect " : "")enum \(oneofTypeName(name)): Sendable, Hashable") { p in
            for member in members {
                p.docComment(comment(member))
                p.line("case \(property(member))(\(code(member).swiftType))")
            }
        }
        p.line()
    }

    private func emitReader(into p: inout CodePrinter) {
        p.line("/// Reads the fields of an unpacked protobuf-c message.")
        p.block("public init(wireReader reader: WireReader) throws(WireError)") { p in
            var readOneofs: Set<Int> = []
            for field in message.fields {
                let c = code(field)
                let i = index(field)
                let name = "self.\(property(field))"
                switch shape(field) {
                case .plain:
                    p.line("\(name) = \(c.read("reader", i))")
                case .presence:
                    p.line("if reader.has(\(i)) { \(name) = \(c.read("reader", i)) }")
                case .message:
                    p.line("\(name) = \(c.read("reader", i))")
                case .repeated:
                    p.line("\(name) = \(c.readRepeated("reader", i))")
                case .map(let entry):
                    let (key, value) = mapCodes(entry)
                    let local = "map\(field.number)"
                    p.line("var \(local): [\(key.swiftType): \(value.swiftType)] = [:]")
                    p.block("try reader.forEachMapEntry(\(i)) { entry throws(WireError) in") { p in
                        p.line("\(local)[\(key.read("entry", 0))] = \(value.readNonOptional("entry", 1))")
                    }
                    p.line("\(name) = \(local)")
                case .oneofMember:
                    let oneofIndex = field.oneofIndex!
                    guard readOneofs.insert(oneofIndex).inserted else { continue }
                    let oneofName = message.oneofNames[oneofIndex]
                    let members = realOneofs.first { $0.name == oneofName }!.members
                    p.line("switch reader.oneofCase(\(i)) {")
                    for member in members {
                        p.line("case \(member.number):")
                        p.indent { p in
                            let value = code(member).readNonOptional("reader", index(member))
                            p.line("self.\(Naming.identifier(Naming.lowerCamel(oneofName))) = .\(property(member))(\(value))")
                        }
                    }
                    p.line("default:")
                    p.indent { p in p.line("break") }
                    p.line("}")
                }
            }
        }
    }

    private func emitWriter(into p: inout CodePrinter) {
        p.line("/// Writes the fields into a protobuf-c message about to be packed.")
        p.block("public func write(to writer: inout WireWriter)") { p in
            var wroteOneofs: Set<Int> = []
            for field in message.fields {
                let c = code(field)
                let i = index(field)
                let name = "self.\(property(field))"
                switch shape(field) {
                case .plain:
                    if field.kind == .string || field.kind == .bytes, !(field.isProto2 && field.label == .required) {
                        p.line("if !\(name).isEmpty { \(c.write("writer", i, name)) }")
                    } else {
                        p.line(c.write("writer", i, name))
                    }
                case .presence, .message:
                    p.line("if let value = \(name) { \(c.write("writer", i, "value")) }")
                case .repeated:
                    p.line("if !\(name).isEmpty { \(c.writeRepeated("writer", i, name)) }")
                case .map(let entry):
                    let (key, value) = mapCodes(entry)
                    let order = key.kind == .bool ? "{ !$0.key && $1.key }" : "{ $0.key < $1.key }"
                    p.block("if !\(name).isEmpty") { p in
                        p.block("writer.setMap(\(i), \(name).sorted(by: \(order))) { entry, item in") { p in
                            p.line(key.write("entry", 0, "item.key"))
                            p.line(value.write("entry", 1, "item.value"))
                        }
                    }
                case .oneofMember:
                    let oneofIndex = field.oneofIndex!
                    guard wroteOneofs.insert(oneofIndex).inserted else { continue }
                    let oneofName = message.oneofNames[oneofIndex]
                    let members = realOneofs.first { $0.name == oneofName }!.members
                    p.line("switch self.\(Naming.identifier(Naming.lowerCamel(oneofName))) {")
                    for member in members {
                        p.line("case .\(property(member))(let value)?:")
                        p.indent { p in p.line(code(member).write("writer", index(member), "value")) }
                    }
                    p.line("case nil:")
                    p.indent { p in p.line("break") }
                    p.line("}")
                }
            }
        }
    }
}
