import LoketPluginAPI

/// The plugin's user-facing messages, by key, in nl, fr, de and en (rule explanations are in ``RuleText``).
public enum ElectionsMessages {
    static let invalidDate = "invalid-date"
    static let invalidField = "invalid-field"
    static let invalidNumber = "invalid-number"
    static let invalidKind = "invalid-kind"
    static let invalidLanguage = "invalid-language"
    static let invalidID = "invalid-id"
    static let invalidDates = "invalid-dates"
    static let electionNotFound = "election-not-found"
    static let applicationNotFound = "application-not-found"
    static let applicationNotPending = "application-not-pending"
    static let applicationNotLive = "application-not-live"
    static let applicationExists = "application-exists"
    static let stationNotFound = "station-not-found"
    static let rollNotGenerated = "roll-not-generated"
    static let rollClosed = "roll-closed"
    static let registerUnavailable = "register-unavailable"
    static let personNotInRegister = "person-not-in-register"
    static let notOnRoll = "not-on-roll"
    static let reasonRequired = "reason-required"
    static let sectionOverlaps = "section-overlaps"
    static let convocationNotFound = "convocation-not-found"
    static let languageNotOffered = "language-not-offered"
    static let ruleRefused = "rule-refused"
    static let invalidCandidateKey = "invalid-candidate-key"
    static let nothingToResolve = "nothing-to-resolve"
    static let votersUnassigned = "voters-unassigned"

    /// Every message.
    public static let catalog: [String: LocalizedText] = [
        invalidDate: LocalizedText(
            nl: "{0} is geen geldige datum (JJJJ-MM-DD).", fr: "{0} n'est pas une date valide (AAAA-MM-JJ).",
            de: "{0} ist kein gültiges Datum (JJJJ-MM-TT).", en: "{0} is not a valid date (YYYY-MM-DD)."),
        invalidField: LocalizedText(
            nl: "Het veld {0} is leeg of ongeldig.", fr: "Le champ {0} est vide ou invalide.",
            de: "Das Feld {0} ist leer oder ungültig.", en: "The field {0} is empty or invalid."),
        invalidNumber: LocalizedText(
            nl: "{0} is geen geldig rijksregisternummer.", fr: "{0} n'est pas un numéro de registre national valide.",
            de: "{0} ist keine gültige Nationalregisternummer.", en: "{0} is not a valid national register number."),
        invalidKind: LocalizedText(
            nl: "Kies het soort verkiezing.", fr: "Choisissez le type d'élection.", de: "Wählen Sie die Art der Wahl.",
            en: "Choose the kind of election."),
        invalidLanguage: LocalizedText(
            nl: "{0} is geen taal van Loket (nl, fr, de, en).", fr: "{0} n'est pas une langue de Loket (nl, fr, de, en).",
            de: "{0} ist keine Sprache von Loket (nl, fr, de, en).", en: "{0} is not a language of Loket (nl, fr, de, en)."),
        invalidID: LocalizedText(
            nl: "{0} is geen geldige id.", fr: "{0} n'est pas un identifiant valide.", de: "{0} ist keine gültige ID.",
            en: "{0} is not a valid id."),
        invalidDates: LocalizedText(
            nl: "De referentiedatum en de afsluitdatum van de aanvragen vallen uiterlijk op de verkiezingsdag.",
            fr: "La date de référence et la date de clôture des demandes tombent au plus tard le jour de l'élection.",
            de: "Stichtag und Antragsschluss liegen spätestens am Wahltag.",
            en: "The reference date and the application deadline fall on or before election day."),
        electionNotFound: LocalizedText(
            nl: "Verkiezing {0} bestaat niet.", fr: "L'élection {0} n'existe pas.", de: "Die Wahl {0} existiert nicht.",
            en: "Election {0} does not exist."),
        applicationNotFound: LocalizedText(
            nl: "Aanvraag {0} bestaat niet.", fr: "La demande {0} n'existe pas.", de: "Der Antrag {0} existiert nicht.",
            en: "Application {0} does not exist."),
        applicationNotPending: LocalizedText(
            nl: "Over deze aanvraag is al beslist ({0}).", fr: "Cette demande a déjà fait l'objet d'une décision ({0}).",
            de: "Über diesen Antrag wurde bereits entschieden ({0}).", en: "This application has been decided already ({0})."),
        applicationNotLive: LocalizedText(
            nl: "Deze aanvraag kan niet meer worden ingetrokken ({0}).", fr: "Cette demande ne peut plus être retirée ({0}).",
            de: "Dieser Antrag kann nicht mehr zurückgezogen werden ({0}).", en: "This application can no longer be withdrawn ({0})."),
        applicationExists: LocalizedText(
            nl: "Deze persoon heeft al een lopende aanvraag voor deze verkiezing.",
            fr: "Cette personne a déjà une demande en cours pour cette élection.",
            de: "Diese Person hat bereits einen laufenden Antrag für diese Wahl.",
            en: "This person already has a live application for this election."),
        stationNotFound: LocalizedText(
            nl: "Stembureau {0} bestaat niet.", fr: "Le bureau de vote {0} n'existe pas.",
            de: "Das Wahllokal {0} existiert nicht.", en: "Polling station {0} does not exist."),
        rollNotGenerated: LocalizedText(
            nl: "De kiezerslijst van deze verkiezing is nog niet aangemaakt.",
            fr: "La liste des électeurs de cette élection n'a pas encore été établie.",
            de: "Die Wählerliste dieser Wahl wurde noch nicht erstellt.",
            en: "The roll of this election has not been generated yet."),
        rollClosed: LocalizedText(
            nl: "De kiezerslijst is afgesloten: dit kan niet meer worden gewijzigd.",
            fr: "La liste des électeurs est clôturée : ceci ne peut plus être modifié.",
            de: "Die Wählerliste ist geschlossen: dies kann nicht mehr geändert werden.",
            en: "The roll is closed: this can no longer be changed."),
        registerUnavailable: LocalizedText(
            nl: "Het bevolkingsregister (plug-in burgerlijke stand) is niet beschikbaar op deze server: de kiezerslijst kan niet worden aangemaakt.",
            fr: "Le registre de la population (plug-in état civil) n'est pas disponible sur ce serveur : la liste des électeurs ne peut pas être établie.",
            de: "Das Bevölkerungsregister (Plugin Personenstand) ist auf diesem Server nicht verfügbar: die Wählerliste kann nicht erstellt werden.",
            en: "The population register (civil registry plugin) is not available on this server: the roll cannot be generated."),
        personNotInRegister: LocalizedText(
            nl: "{0} staat niet in het bevolkingsregister van de gemeente.",
            fr: "{0} n'est pas inscrit au registre de la population de la commune.",
            de: "{0} ist nicht im Bevölkerungsregister der Gemeinde eingetragen.",
            en: "{0} is not in the municipality's population register."),
        notOnRoll: LocalizedText(
            nl: "{0} komt niet voor in de kiezerslijst van deze verkiezing.",
            fr: "{0} ne figure pas dans la liste des électeurs de cette élection.",
            de: "{0} kommt in der Wählerliste dieser Wahl nicht vor.",
            en: "{0} does not appear in this election's roll."),
        reasonRequired: LocalizedText(
            nl: "Geef een reden op.", fr: "Indiquez un motif.", de: "Geben Sie einen Grund an.", en: "Give a reason."),
        sectionOverlaps: LocalizedText(
            nl: "Deze straatsectie overlapt met een sectie van stembureau {0}.",
            fr: "Cette section de rue chevauche une section du bureau de vote {0}.",
            de: "Dieser Straßenabschnitt überschneidet sich mit einem Abschnitt des Wahllokals {0}.",
            en: "This street section overlaps a section of polling station {0}."),
        convocationNotFound: LocalizedText(
            nl: "Er is geen oproepingsbrief voor {0}.", fr: "Il n'y a pas de convocation pour {0}.",
            de: "Es gibt keine Wahlbenachrichtigung für {0}.", en: "There is no convocation letter for {0}."),
        languageNotOffered: LocalizedText(
            nl: "De documenten van deze verkiezing bestaan niet in {0}.",
            fr: "Les documents de cette élection n'existent pas en {0}.",
            de: "Die Unterlagen dieser Wahl gibt es nicht in {0}.",
            en: "This election's documents are not available in {0}."),
        ruleRefused: LocalizedText(
            nl: "{0} (regel {1})", fr: "{0} (règle {1})", de: "{0} (Regel {1})", en: "{0} (rule {1})"),
        invalidCandidateKey: LocalizedText(
            nl: "Kandidaat {0}: gebruik lijst-plaats, bijvoorbeeld 1-3.",
            fr: "Candidat {0} : utilisez liste-place, par exemple 1-3.",
            de: "Kandidat {0}: verwenden Sie Liste-Platz, zum Beispiel 1-3.",
            en: "Candidate {0}: use list-position, for example 1-3."),
        nothingToResolve: LocalizedText(
            nl: "Er is geen verschil op te lossen voor dit stembureau.",
            fr: "Il n'y a pas de différence à résoudre pour ce bureau de vote.",
            de: "Für dieses Wahllokal gibt es keinen Unterschied zu klären.",
            en: "There is no difference to resolve for this polling station."),
        votersUnassigned: LocalizedText(
            nl: "{0} kiezers hebben nog geen stembureau: wijs eerst alle adressen toe.",
            fr: "{0} électeurs n'ont pas encore de bureau de vote : attribuez d'abord toutes les adresses.",
            de: "{0} Wähler haben noch kein Wahllokal: ordnen Sie zuerst alle Adressen zu.",
            en: "{0} voters have no polling station yet: assign every address first."),
    ]
}
