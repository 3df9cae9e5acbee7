import LoketPluginAPI

/// Renders an extract of a registered act as structured text: a title, then one `label: value` line per item, in
/// the extract's language. Pure, so that every language can be tested without a database.
public struct ExtractText: Sendable {
    /// A person named in the act, as the extract shows them.
    public struct PersonLine: Sendable, Hashable {
        /// Which role the person has in the act.
        public var role: LocalizedText
        public var familyName: String
        public var givenNames: String
        /// The national number, formatted; empty when none.
        public var nationalNumber: String
        public var birthDate: String

        public init(role: LocalizedText, familyName: String, givenNames: String, nationalNumber: String, birthDate: String) {
            self.role = role
            self.familyName = familyName
            self.givenNames = givenNames
            self.nationalNumber = nationalNumber
            self.birthDate = birthDate
        }
    }

    public var kind: ActKind
    public var actID: String
    public var municipality: String
    public var eventDate: String
    public var place: String
    public var persons: [PersonLine]
    /// For a name change: the new names.
    public var newNames: String
    public var verificationCode: String
    public var issuedOn: String

    public init(
        kind: ActKind, actID: String, municipality: String, eventDate: String, place: String, persons: [PersonLine],
        newNames: String, verificationCode: String, issuedOn: String
    ) {
        self.kind = kind
        self.actID = actID
        self.municipality = municipality
        self.eventDate = eventDate
        self.place = place
        self.persons = persons
        self.newNames = newNames
        self.verificationCode = verificationCode
        self.issuedOn = issuedOn
    }

    /// The text in `language`.
    public func render(in language: ExtractLanguage) -> String {
        var lines = [language.label(ExtractLabels.title(kind)), ""]
        func add(_ label: LocalizedText, _ value: String) {
            if !value.isEmpty { lines.append("\(language.label(label)): \(value)") }
        }
        add(ExtractLabels.actNumber, actID)
        add(ExtractLabels.municipality, municipality)
        add(ExtractLabels.eventDate, eventDate)
        add(ExtractLabels.place, place)
        for person in persons {
            lines.append("")
            lines.append(language.label(person.role))
            add(ExtractLabels.familyName, person.familyName)
            add(ExtractLabels.givenNames, person.givenNames)
            add(ExtractLabels.birthDate, person.birthDate)
            add(ExtractLabels.nationalNumber, person.nationalNumber)
        }
        add(ExtractLabels.newNames, newNames)
        lines.append("")
        add(ExtractLabels.issuedOn, issuedOn)
        add(ExtractLabels.verificationCode, verificationCode)
        return lines.joined(separator: "\n")
    }
}
