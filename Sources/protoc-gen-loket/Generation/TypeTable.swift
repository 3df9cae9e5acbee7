/// Every message and enum of the request, by fully qualified name, with the Swift name generated for it.
struct TypeTable {
    enum Entry {
        case message(ProtoMessage, swiftName: String)
        case enumeration(ProtoEnum, swiftName: String)

        var swiftName: String {
            switch self {
            case .message(_, let name), .enumeration(_, let name): name
            }
        }
    }

    private(set) var entries: [String: Entry] = [:]

    init(files: [ProtoFile]) {
        for file in files {
            let prefix = file.swiftPrefix ?? Naming.packagePrefix(file.package)
            for message in file.messages { add(message, swiftName: prefix + message.name) }
            for enumeration in file.enums { entries["." + enumeration.fullName] = .enumeration(enumeration, swiftName: prefix + enumeration.name) }
        }
    }

    private mutating func add(_ message: ProtoMessage, swiftName: String) {
        entries["." + message.fullName] = .message(message, swiftName: swiftName)
        for nested in message.nestedMessages { add(nested, swiftName: swiftName + "." + nested.name) }
        for nested in message.nestedEnums {
            entries["." + nested.fullName] = .enumeration(nested, swiftName: swiftName + "." + nested.name)
        }
    }

    /// The Swift name for a `.package.Type` reference.
    func swiftName(_ typeName: String) -> String {
        guard let entry = entries[typeName] else { fatalError("protoc-gen-loket: unknown type \(typeName)") }
        return entry.swiftName
    }

    /// The map entry message a field refers to, if the field is a map.
    func mapEntry(for field: ProtoField) -> ProtoMessage? {
        guard field.label == .repeated, field.kind == .message, case .message(let message, _)? = entries[field.typeName],
            message.isMapEntry
        else { return nil }
        return message
    }

    /// The message a type name refers to.
    func message(_ typeName: String) -> ProtoMessage? {
        if case .message(let message, _)? = entries[typeName] { return message }
        return nil
    }

    /// Whether a singular field of type `from` leads back to `target` through singular message fields, so that the
    /// Swift struct would contain itself and needs a box.
    func reaches(_ from: String, _ target: String) -> Bool {
        var seen: Set<String> = []
        var stack = [from]
        while let current = stack.popLast() {
            if current == target { return true }
            guard seen.insert(current).inserted, let message = message(current) else { continue }
            for field in message.fields where field.kind == .message && field.label != .repeated {
                stack.append(field.typeName)
            }
        }
        return false
    }
}
