import LoketPluginAPI

/// A convocation letter (oproepingsbrief, convocation, Wahlbenachrichtigung): the voter, the station, the date and
/// the hours, as plain text in one language. Pure, so that it is unit-tested without a database.
struct ConvocationLetter: Sendable, Hashable {
    var voterName: String
    var voterAddress: String
    var voterNumber: Int
    var electionName: String
    var electionDay: CalendarDate
    var opensAt: String
    var closesAt: String
    var stationName: String
    var stationAddress: String
    var compulsory: Bool

    /// The letter in `language`.
    func text(in language: Language) -> String {
        let date = Self.longDate(electionDay, language)
        let lines: [String]
        switch language {
        case .dutch:
            lines = [
                "OPROEPINGSBRIEF — \(electionName)", "", voterName, voterAddress, "",
                "U wordt opgeroepen om te stemmen op \(date), van \(opensAt) tot \(closesAt).",
                "Stembureau: \(stationName), \(stationAddress).", "Kiezersnummer: \(voterNumber).",
                compulsory ? "Stemmen is verplicht." : "Stemmen is niet verplicht.",
                "Breng deze brief en uw identiteitskaart mee.",
            ]
        case .french:
            lines = [
                "CONVOCATION — \(electionName)", "", voterName, voterAddress, "",
                "Vous êtes convoqué(e) à voter le \(date), de \(opensAt) à \(closesAt).",
                "Bureau de vote : \(stationName), \(stationAddress).", "Numéro d'électeur : \(voterNumber).",
                compulsory ? "Le vote est obligatoire." : "Le vote n'est pas obligatoire.",
                "Munissez-vous de cette convocation et de votre carte d'identité.",
            ]
        case .german:
            lines = [
                "WAHLBENACHRICHTIGUNG — \(electionName)", "", voterName, voterAddress, "",
                "Sie sind aufgerufen, am \(date) von \(opensAt) bis \(closesAt) zu wählen.",
                "Wahllokal: \(stationName), \(stationAddress).", "Wählernummer: \(voterNumber).",
                compulsory ? "Es besteht Wahlpflicht." : "Es besteht keine Wahlpflicht.",
                "Bringen Sie dieses Schreiben und Ihren Personalausweis mit.",
            ]
        case .english:
            lines = [
                "CONVOCATION — \(electionName)", "", voterName, voterAddress, "",
                "You are called to vote on \(date), from \(opensAt) to \(closesAt).",
                "Polling station: \(stationName), \(stationAddress).", "Voter number: \(voterNumber).",
                compulsory ? "Voting is compulsory." : "Voting is not compulsory.",
                "Bring this letter and your identity card.",
            ]
        }
        return lines.joined(separator: "\n")
    }

    static let months: [Language: [String]] = [
        .dutch: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december"],
        .french: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"],
        .german: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                  "November", "Dezember"],
        .english: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"],
    ]

    /// `13 oktober 2030`, `13 octobre 2030`, `13. Oktober 2030`, `13 October 2030`.
    static func longDate(_ date: CalendarDate, _ language: Language) -> String {
        let month = months[language]?[date.month - 1] ?? String(date.month)
        return language == .german ? "\(date.day). \(month) \(date.year)" : "\(date.day) \(month) \(date.year)"
    }
}
