import LoketPluginAPI

/// The plugin's user-facing messages, by key, in nl, fr, de and en.
public enum CivilRegistryMessages {
    static let numberNotDigits = "number-not-digits"
    static let numberLength = "number-length"
    static let numberCheckDigits = "number-check-digits"
    static let numberMonth = "number-month"
    static let numberDay = "number-day"
    static let numberSequence = "number-sequence"
    static let invalidName = "invalid-name"
    static let invalidDate = "invalid-date"
    static let invalidText = "invalid-text"
    static let invalidCountry = "invalid-country"
    static let birthDateMismatch = "birth-date-mismatch"
    static let sexMismatch = "sex-mismatch"
    static let personExists = "person-exists"
    static let personNotFound = "person-not-found"
    static let personKeyMissing = "person-key-missing"
    static let searchCriterionMissing = "search-criterion-missing"
    static let invalidID = "invalid-id"
    static let invalidActType = "invalid-act-type"
    static let invalidAction = "invalid-action"
    static let actNotFound = "act-not-found"
    static let actionRefused = "action-refused"
    static let actionRefusedFinal = "action-refused-final"
    static let reasonRequired = "reason-required"
    static let actDataMissing = "act-data-missing"
    static let actPersonNotFound = "act-person-not-found"
    static let invalidNotificationID = "invalid-notification-id"
    static let dataNotAllowed = "data-not-allowed"
    static let moveBeforeCurrent = "move-before-current"
    static let householdNotFound = "household-not-found"
    static let addressIncomplete = "address-incomplete"
    static let invalidPeriod = "invalid-period"
    static let personDeceased = "person-deceased"
    static let invalidExtractLanguage = "invalid-extract-language"
    static let extractNotFound = "extract-not-found"
    static let informationTypesMissing = "information-types-missing"
    static let informationTypeUnknown = "information-type-unknown"
    static let feedCursorNegative = "feed-cursor-negative"
    static let feedCursorAhead = "feed-cursor-ahead"
    static let duplicateNotFound = "duplicate-not-found"
    static let duplicateVerdictMissing = "duplicate-verdict-missing"
    static let duplicateReasonRequired = "duplicate-reason-required"
    static let duplicateAlreadyResolved = "duplicate-already-resolved"
    static let personAlreadyDuplicate = "person-already-duplicate"
    static let duplicatePageTokenInvalid = "duplicate-page-token-invalid"
    static let duplicatePageTokenFilters = "duplicate-page-token-filters"

    /// Every message.
    public static let catalog: [String: LocalizedText] = [
        numberNotDigits: LocalizedText(
            nl: "Een rijksregisternummer bestaat uit cijfers (met eventueel punten, streepjes en spaties).",
            fr: "Un numéro de registre national se compose de chiffres (éventuellement avec points, tirets et espaces).",
            de: "Eine Nationalregisternummer besteht aus Ziffern (gegebenenfalls mit Punkten, Bindestrichen und Leerzeichen).",
            en: "A national register number consists of digits (optionally with dots, hyphens and spaces)."),
        numberLength: LocalizedText(
            nl: "Een rijksregisternummer telt 11 cijfers, niet {0}.",
            fr: "Un numéro de registre national compte 11 chiffres, pas {0}.",
            de: "Eine Nationalregisternummer hat 11 Ziffern, nicht {0}.",
            en: "A national register number has 11 digits, not {0}."),
        numberCheckDigits: LocalizedText(
            nl: "De controlecijfers van dit rijksregisternummer kloppen niet.",
            fr: "Les chiffres de contrôle de ce numéro de registre national sont incorrects.",
            de: "Die Prüfziffern dieser Nationalregisternummer stimmen nicht.",
            en: "The check digits of this national register number are wrong."),
        numberMonth: LocalizedText(
            nl: "De maand {0} in dit nummer bestaat niet (00-12, of 20-32 en 40-52 voor een bisnummer).",
            fr: "Le mois {0} de ce numéro n'existe pas (00-12, ou 20-32 et 40-52 pour un numéro bis).",
            de: "Der Monat {0} in dieser Nummer existiert nicht (00-12, oder 20-32 und 40-52 für eine Bis-Nummer).",
            en: "Month {0} in this number does not exist (00-12, or 20-32 and 40-52 for a bis number)."),
        numberDay: LocalizedText(
            nl: "De dag {0} in dit nummer bestaat niet in die maand.",
            fr: "Le jour {0} de ce numéro n'existe pas dans ce mois.",
            de: "Der Tag {0} in dieser Nummer existiert in diesem Monat nicht.",
            en: "Day {0} in this number does not exist in that month."),
        numberSequence: LocalizedText(
            nl: "Het volgnummer {0} bestaat niet (001 tot 998).",
            fr: "Le numéro d'ordre {0} n'existe pas (001 à 998).",
            de: "Die laufende Nummer {0} existiert nicht (001 bis 998).",
            en: "Sequence number {0} does not exist (001 to 998)."),
        invalidName: LocalizedText(
            nl: "Geef {0} op (1 tot 200 tekens).",
            fr: "Indiquez {0} (1 à 200 caractères).",
            de: "Geben Sie {0} an (1 bis 200 Zeichen).",
            en: "Give {0} (1 to 200 characters)."),
        invalidDate: LocalizedText(
            nl: "{0} is geen geldige datum (JJJJ-MM-DD).",
            fr: "{0} n'est pas une date valide (AAAA-MM-JJ).",
            de: "{0} ist kein gültiges Datum (JJJJ-MM-TT).",
            en: "{0} is not a valid date (YYYY-MM-DD)."),
        invalidText: LocalizedText(
            nl: "Het veld {0} is te lang (hoogstens 200 tekens).",
            fr: "Le champ {0} est trop long (200 caractères au plus).",
            de: "Das Feld {0} ist zu lang (höchstens 200 Zeichen).",
            en: "The field {0} is too long (200 characters at most)."),
        invalidCountry: LocalizedText(
            nl: "{0} is geen landcode van twee letters (bv. BE).",
            fr: "{0} n'est pas un code de pays à deux lettres (p. ex. BE).",
            de: "{0} ist kein zweistelliger Ländercode (z. B. BE).",
            en: "{0} is not a two-letter country code (e.g. BE)."),
        birthDateMismatch: LocalizedText(
            nl: "De geboortedatum {0} stemt niet overeen met het rijksregisternummer.",
            fr: "La date de naissance {0} ne correspond pas au numéro de registre national.",
            de: "Das Geburtsdatum {0} stimmt nicht mit der Nationalregisternummer überein.",
            en: "The birth date {0} does not match the national register number."),
        sexMismatch: LocalizedText(
            nl: "Het geslacht stemt niet overeen met het rijksregisternummer.",
            fr: "Le sexe ne correspond pas au numéro de registre national.",
            de: "Das Geschlecht stimmt nicht mit der Nationalregisternummer überein.",
            en: "The sex does not match the national register number."),
        personExists: LocalizedText(
            nl: "Er is al een persoon met rijksregisternummer {0}.",
            fr: "Une personne avec le numéro de registre national {0} existe déjà.",
            de: "Es gibt bereits eine Person mit der Nationalregisternummer {0}.",
            en: "A person with national register number {0} already exists."),
        personNotFound: LocalizedText(
            nl: "Persoon {0} bestaat niet.",
            fr: "La personne {0} n'existe pas.",
            de: "Person {0} existiert nicht.",
            en: "Person {0} does not exist."),
        personKeyMissing: LocalizedText(
            nl: "Geef een rijksregisternummer of een id op.",
            fr: "Indiquez un numéro de registre national ou un identifiant.",
            de: "Geben Sie eine Nationalregisternummer oder eine ID an.",
            en: "Give a national register number or an id."),
        searchCriterionMissing: LocalizedText(
            nl: "Zoek op minstens een naam (2 tekens of meer), een geboortedatum of een adres.",
            fr: "Recherchez au moins par nom (2 caractères ou plus), date de naissance ou adresse.",
            de: "Suchen Sie mindestens nach Name (ab 2 Zeichen), Geburtsdatum oder Adresse.",
            en: "Search by at least a name (2 characters or more), a birth date or an address."),
        invalidID: LocalizedText(
            nl: "{0} is geen geldige id.",
            fr: "{0} n'est pas un identifiant valide.",
            de: "{0} ist keine gültige ID.",
            en: "{0} is not a valid id."),
        invalidActType: LocalizedText(
            nl: "Geef het soort akte op.",
            fr: "Indiquez le type d'acte.",
            de: "Geben Sie die Art der Urkunde an.",
            en: "Give the type of act."),
        invalidAction: LocalizedText(
            nl: "Geef een handeling op die op een bestaande akte volgt.",
            fr: "Indiquez une action qui suit sur un acte existant.",
            de: "Geben Sie eine Handlung an, die auf eine bestehende Urkunde folgt.",
            en: "Give an action that follows on an existing act."),
        actNotFound: LocalizedText(
            nl: "Akte {0} bestaat niet.",
            fr: "L'acte {0} n'existe pas.",
            de: "Urkunde {0} existiert nicht.",
            en: "Act {0} does not exist."),
        actionRefused: LocalizedText(
            nl: "\"{0}\" kan niet volgen op een akte met status \"{1}\". Toegestaan: {2}.",
            fr: "« {0} » ne peut pas suivre sur un acte au statut « {1} ». Autorisé : {2}.",
            de: "„{0}“ kann nicht auf eine Urkunde mit Status „{1}“ folgen. Erlaubt: {2}.",
            en: "\"{0}\" cannot follow on an act with status \"{1}\". Allowed: {2}."),
        actionRefusedFinal: LocalizedText(
            nl: "\"{0}\" kan niet volgen: de akte met status \"{1}\" is afgesloten.",
            fr: "« {0} » ne peut pas suivre : l'acte au statut « {1} » est clôturé.",
            de: "„{0}“ kann nicht folgen: Die Urkunde mit Status „{1}“ ist abgeschlossen.",
            en: "\"{0}\" cannot follow: the act with status \"{1}\" is closed."),
        reasonRequired: LocalizedText(
            nl: "Geef een reden op voor \"{0}\".",
            fr: "Indiquez un motif pour « {0} ».",
            de: "Geben Sie einen Grund für „{0}“ an.",
            en: "Give a reason for \"{0}\"."),
        actDataMissing: LocalizedText(
            nl: "Deze akte mist gegevens: {0}.",
            fr: "Il manque des données à cet acte : {0}.",
            de: "Dieser Urkunde fehlen Angaben: {0}.",
            en: "This act lacks data: {0}."),
        actPersonNotFound: LocalizedText(
            nl: "De persoon {0} waarnaar de akte verwijst, bestaat niet.",
            fr: "La personne {0} à laquelle l'acte renvoie n'existe pas.",
            de: "Die Person {0}, auf die die Urkunde verweist, existiert nicht.",
            en: "The person {0} the act refers to does not exist."),
        invalidNotificationID: LocalizedText(
            nl: "Geef de id van de melding op (1 tot 100 tekens).",
            fr: "Indiquez l'identifiant de la notification (1 à 100 caractères).",
            de: "Geben Sie die ID der Meldung an (1 bis 100 Zeichen).",
            en: "Give the notification's id (1 to 100 characters)."),
        dataNotAllowed: LocalizedText(
            nl: "Bij \"{0}\" horen geen aktegegevens.",
            fr: "« {0} » ne prend pas de données d'acte.",
            de: "Zu „{0}“ gehören keine Urkundendaten.",
            en: "\"{0}\" takes no act data."),
        moveBeforeCurrent: LocalizedText(
            nl: "Een verhuizing moet na het begin van de huidige hoofdverblijfplaats vallen ({0}).",
            fr: "Un déménagement doit suivre le début de la résidence principale actuelle ({0}).",
            de: "Ein Umzug muss nach dem Beginn des aktuellen Hauptwohnsitzes liegen ({0}).",
            en: "A move must come after the start of the current main residence ({0})."),
        householdNotFound: LocalizedText(
            nl: "Gezin {0} bestaat niet.",
            fr: "Le ménage {0} n'existe pas.",
            de: "Haushalt {0} existiert nicht.",
            en: "Household {0} does not exist."),
        addressIncomplete: LocalizedText(
            nl: "Een adres vraagt een straat, huisnummer, postcode en gemeente.",
            fr: "Une adresse demande une rue, un numéro, un code postal et une commune.",
            de: "Eine Adresse braucht Straße, Hausnummer, Postleitzahl und Gemeinde.",
            en: "An address needs a street, house number, postal code and municipality."),
        invalidPeriod: LocalizedText(
            nl: "De periode begint na haar einde.",
            fr: "La période commence après sa fin.",
            de: "Der Zeitraum beginnt nach seinem Ende.",
            en: "The period starts after its end."),
        personDeceased: LocalizedText(
            nl: "Persoon {0} is overleden.",
            fr: "La personne {0} est décédée.",
            de: "Person {0} ist verstorben.",
            en: "Person {0} has died."),
        invalidExtractLanguage: LocalizedText(
            nl: "{0} is geen taal voor een uittreksel (nl, fr, de, en of multilingual).",
            fr: "{0} n'est pas une langue d'extrait (nl, fr, de, en ou multilingual).",
            de: "{0} ist keine Sprache für einen Auszug (nl, fr, de, en oder multilingual).",
            en: "{0} is not a language for an extract (nl, fr, de, en or multilingual)."),
        extractNotFound: LocalizedText(
            nl: "Er is geen uittreksel met verificatiecode {0}.",
            fr: "Aucun extrait ne porte le code de vérification {0}.",
            de: "Es gibt keinen Auszug mit dem Prüfcode {0}.",
            en: "No extract has verification code {0}."),
        informationTypesMissing: LocalizedText(
            nl: "Vraag minstens één informatietype (TI-code, bv. 010 voor de naam).",
            fr: "Demandez au moins un type d'information (code TI, p. ex. 010 pour le nom).",
            de: "Fordern Sie mindestens einen Informationstyp an (TI-Code, z. B. 010 für den Namen).",
            en: "Ask for at least one information type (TI code, e.g. 010 for the name)."),
        informationTypeUnknown: LocalizedText(
            nl: "{0} is geen informatietype van de registerfeed; gebruik {1}.",
            fr: "{0} n'est pas un type d'information du flux du registre ; utilisez {1}.",
            de: "{0} ist kein Informationstyp des Registerfeeds; verwenden Sie {1}.",
            en: "{0} is not an information type of the register feed; use {1}."),
        feedCursorNegative: LocalizedText(
            nl: "De cursor {0} is negatief; begin bij 0 of bij de laatste ontvangen cursor.",
            fr: "Le curseur {0} est négatif ; commencez à 0 ou au dernier curseur reçu.",
            de: "Der Cursor {0} ist negativ; beginnen Sie bei 0 oder beim zuletzt empfangenen Cursor.",
            en: "The cursor {0} is negative; start at 0 or at the last cursor received."),
        feedCursorAhead: LocalizedText(
            nl: "De cursor {0} is nooit uitgegeven: de laatste wijziging in dit register heeft cursor {1}.",
            fr: "Le curseur {0} n'a jamais été attribué : la dernière modification de ce registre porte le curseur {1}.",
            de: "Der Cursor {0} wurde nie vergeben: die letzte Änderung dieses Registers hat den Cursor {1}.",
            en: "The cursor {0} was never handed out: the last change in this register has cursor {1}."),
        duplicateNotFound: LocalizedText(
            nl: "Mogelijke dubbele inschrijving {0} bestaat niet.",
            fr: "Le doublon possible {0} n'existe pas.",
            de: "Mögliches Duplikat {0} existiert nicht.",
            en: "Possible duplicate {0} does not exist."),
        duplicateVerdictMissing: LocalizedText(
            nl: "Geef een beslissing op: dubbel of geen dubbel.",
            fr: "Indiquez une décision : doublon ou pas un doublon.",
            de: "Geben Sie eine Entscheidung an: Duplikat oder kein Duplikat.",
            en: "Give a verdict: duplicate or not duplicate."),
        duplicateReasonRequired: LocalizedText(
            nl: "Geef een reden op voor de beslissing \"{0}\".",
            fr: "Indiquez un motif pour la décision « {0} ».",
            de: "Geben Sie einen Grund für die Entscheidung „{0}“ an.",
            en: "Give a reason for the verdict \"{0}\"."),
        duplicateAlreadyResolved: LocalizedText(
            nl: "Over deze mogelijke dubbele inschrijving is al beslist: \"{0}\", door {1} op {2}.",
            fr: "Ce doublon possible a déjà été tranché : « {0} », par {1} le {2}.",
            de: "Über dieses mögliche Duplikat wurde bereits entschieden: „{0}“, von {1} am {2}.",
            en: "This possible duplicate was already resolved: \"{0}\", by {1} on {2}."),
        personAlreadyDuplicate: LocalizedText(
            nl: "Persoon {0} is al als dubbel van persoon {1} gemarkeerd.",
            fr: "La personne {0} est déjà marquée comme doublon de la personne {1}.",
            de: "Person {0} ist bereits als Duplikat von Person {1} markiert.",
            en: "Person {0} is already marked as a duplicate of person {1}."),
        duplicatePageTokenInvalid: LocalizedText(
            nl: "Dit paginatoken is ongeldig of gewijzigd; begin opnieuw bij de eerste pagina (zonder paginatoken).",
            fr: "Ce jeton de page n'est pas valide ou a été modifié ; recommencez à la première page (sans jeton de page).",
            de: "Dieses Seitentoken ist ungültig oder wurde verändert; beginnen Sie wieder mit der ersten Seite (ohne Seitentoken).",
            en: "This page token is invalid or was altered; start again from the first page (without a page token)."),
        duplicatePageTokenFilters: LocalizedText(
            nl: "Dit paginatoken hoort bij een lijst met andere filters (include_resolved, person_id); vraag de volgende pagina met dezelfde filters of begin opnieuw bij de eerste pagina.",
            fr: "Ce jeton de page appartient à une liste aux filtres différents (include_resolved, person_id) ; demandez la page suivante avec les mêmes filtres ou recommencez à la première page.",
            de: "Dieses Seitentoken gehört zu einer Liste mit anderen Filtern (include_resolved, person_id); fragen Sie die nächste Seite mit denselben Filtern ab oder beginnen Sie wieder mit der ersten Seite.",
            en: "This page token belongs to a list with other filters (include_resolved, person_id); ask for the next page with the same filters or start again from the first page."),
    ]
}
