/// The values attached to a ``ServerContext``, by ``ServerContextKey`` type.
///
/// Most calls carry none or two, so a small array beats a dictionary: no hashing, and an empty one allocates
/// nothing.
struct ServerContextValues: Sendable {
    private var entries: [(key: ObjectIdentifier, value: any Sendable)] = []

    subscript<Key: ServerContextKey>(key: Key.Type) -> Key.Value? {
        get {
            let id = ObjectIdentifier(key)
            for entry in entries where entry.key == id { return entry.value as? Key.Value }
            return nil
        }
        set {
            let id = ObjectIdentifier(key)
            entries.removeAll { $0.key == id }
            if let newValue { entries.append((id, newValue)) }
        }
    }
}
