import LoketPluginAPI

/// The plugin's user-facing messages, by key.
enum VisitMessages {
    static let invalidNationalNumber = "invalid-national-number"
    static let invalidName = "invalid-name"
    static let invalidTopic = "invalid-topic"
    static let invalidDay = "invalid-day"
    static let notFound = "not-found"

    static let catalog: [String: LocalizedText] = [
        invalidNationalNumber: LocalizedText(
            nl: "Een rijksregisternummer telt 11 cijfers.",
            fr: "Un numéro de registre national compte 11 chiffres.",
            de: "Eine Nationalregisternummer hat 11 Ziffern.",
            en: "A national register number has 11 digits."),
        invalidName: LocalizedText(
            nl: "Geef de naam van de bezoeker (1 tot 200 tekens).",
            fr: "Indiquez le nom du visiteur (1 à 200 caractères).",
            de: "Geben Sie den Namen des Besuchers an (1 bis 200 Zeichen).",
            en: "Give the visitor's name (1 to 200 characters)."),
        invalidTopic: LocalizedText(
            nl: "Een onderwerp bestaat uit kleine letters, cijfers en koppeltekens, bv. identiteitskaart.",
            fr: "Un sujet se compose de minuscules, de chiffres et de traits d'union, p. ex. carte-identite.",
            de: "Ein Thema besteht aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. personalausweis.",
            en: "A topic consists of lowercase letters, digits and hyphens, e.g. identity-card."),
        invalidDay: LocalizedText(
            nl: "{0} is geen geldige dag (JJJJ-MM-DD).",
            fr: "{0} n'est pas un jour valide (AAAA-MM-JJ).",
            de: "{0} ist kein gültiger Tag (JJJJ-MM-TT).",
            en: "{0} is not a valid day (YYYY-MM-DD)."),
        notFound: LocalizedText(
            nl: "Bezoek {0} bestaat niet in uw dienst.",
            fr: "La visite {0} n'existe pas dans votre service.",
            de: "Besuch {0} existiert in Ihrer Abteilung nicht.",
            en: "Visit {0} does not exist in your department."),
    ]
}
