extension LoketConfiguration {
    /// The configuration in configuration-file syntax, every key under its `[section]`, readable back
    /// by `ConfigurationFile`.
    ///
    /// Unset optional settings appear as comments. Secrets never appear: the database password is
    /// shown as `***`.
    public var fileText: String {
        var lines: [String] = []
        var section: Substring?
        for key in ConfigurationKey.all {
            if key.section != section {
                if section != nil { lines.append("") }
                lines.append("[\(key.section)]")
                section = key.section
            }
            if let value = key.displayValue(in: self) {
                lines.append("\(key.field) = \(value)")
            } else {
                lines.append("# \(key.field) is not set")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
