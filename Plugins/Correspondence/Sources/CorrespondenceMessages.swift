import LoketPluginAPI

/// The plugin's user-facing messages, by key, in Dutch, French, German and English.
enum CorrespondenceMessages {
    static let invalidDirection = "invalid-direction"
    static let invalidChannel = "invalid-channel"
    static let invalidSubject = "invalid-subject"
    static let invalidLanguage = "invalid-language"
    static let invalidContact = "invalid-contact"
    static let invalidDay = "invalid-day"
    static let invalidTags = "invalid-tags"
    static let invalidNotes = "invalid-notes"
    static let invalidAttachment = "invalid-attachment"
    static let attachmentsTooLarge = "attachments-too-large"
    static let invalidHash = "invalid-hash"
    static let hashMismatch = "hash-mismatch"
    static let invalidAnswers = "invalid-answers"
    static let answersNotIncoming = "answers-not-incoming"
    static let itemNotFound = "item-not-found"
    static let attachmentNotFound = "attachment-not-found"
    static let confidential = "confidential"
    static let invalidAction = "invalid-action"
    static let workflowRefused = "workflow-refused"
    static let invalidDepartment = "invalid-department"
    static let invalidAgent = "invalid-agent"
    static let invalidReason = "invalid-reason"
    static let invalidPeriod = "invalid-period"
    static let invalidWorkingDays = "invalid-working-days"
    static let notIncoming = "not-incoming"
    static let notOpen = "not-open"
    static let invalidPageToken = "invalid-page-token"
    static let invalidPageSize = "invalid-page-size"
    static let invalidDeadlinePageSize = "invalid-deadline-page-size"
    static let deadlinePageTokenMismatch = "deadline-page-token-mismatch"
    static let invalidInterval = "invalid-interval"
    static let invalidQuery = "invalid-query"
    static let defaultTermKept = "default-term-kept"
    static let invalidOrder = "invalid-order"
    static let searchChanged = "search-changed"

    static let catalog: [String: LocalizedText] = [
        invalidDirection: LocalizedText(
            nl: "Geef de richting: inkomend of uitgaand.",
            fr: "Indiquez le sens : entrant ou sortant.",
            de: "Geben Sie die Richtung an: eingehend oder ausgehend.",
            en: "Give the direction: incoming or outgoing."),
        invalidChannel: LocalizedText(
            nl: "Geef het kanaal: brief, e-mail, formulier of ander.",
            fr: "Indiquez le canal : lettre, e-mail, formulaire ou autre.",
            de: "Geben Sie den Kanal an: Brief, E-Mail, Formular oder anderer.",
            en: "Give the channel: letter, e-mail, form or other."),
        invalidSubject: LocalizedText(
            nl: "Geef een onderwerp van 1 tot 500 tekens.",
            fr: "Indiquez un objet de 1 à 500 caractères.",
            de: "Geben Sie einen Betreff mit 1 bis 500 Zeichen an.",
            en: "Give a subject of 1 to 500 characters."),
        invalidLanguage: LocalizedText(
            nl: "{0} is geen ondersteunde taal (nl, fr, de of en).",
            fr: "{0} n'est pas une langue prise en charge (nl, fr, de ou en).",
            de: "{0} ist keine unterstützte Sprache (nl, fr, de oder en).",
            en: "{0} is not a supported language (nl, fr, de or en)."),
        invalidContact: LocalizedText(
            nl: "Elk contact heeft een naam (1 tot 300 tekens); een e-mailadres bevat een @ en een rijksregisternummer telt 11 cijfers. Een stuk heeft 1 tot 20 contacten.",
            fr: "Chaque contact a un nom (1 à 300 caractères) ; une adresse e-mail contient un @ et un numéro de registre national compte 11 chiffres. Un courrier a de 1 à 20 contacts.",
            de: "Jeder Kontakt hat einen Namen (1 bis 300 Zeichen); eine E-Mail-Adresse enthält ein @ und eine Nationalregisternummer hat 11 Ziffern. Ein Schriftstück hat 1 bis 20 Kontakte.",
            en: "Every contact has a name (1 to 300 characters); an e-mail address contains an @ and a national register number has 11 digits. An item has 1 to 20 contacts."),
        invalidDay: LocalizedText(
            nl: "{0} is geen geldige dag (JJJJ-MM-DD).",
            fr: "{0} n'est pas un jour valide (AAAA-MM-JJ).",
            de: "{0} ist kein gültiger Tag (JJJJ-MM-TT).",
            en: "{0} is not a valid day (YYYY-MM-DD)."),
        invalidTags: LocalizedText(
            nl: "Een stuk heeft hoogstens 20 trefwoorden van 1 tot 50 tekens.",
            fr: "Un courrier a au plus 20 mots-clés de 1 à 50 caractères.",
            de: "Ein Schriftstück hat höchstens 20 Schlagwörter mit 1 bis 50 Zeichen.",
            en: "An item has at most 20 tags of 1 to 50 characters."),
        invalidNotes: LocalizedText(
            nl: "Notities en opmerkingen tellen hoogstens 10 000 tekens.",
            fr: "Les notes et remarques comptent au plus 10 000 caractères.",
            de: "Notizen und Bemerkungen haben höchstens 10 000 Zeichen.",
            en: "Notes and remarks have at most 10,000 characters."),
        invalidAttachment: LocalizedText(
            nl: "Bijlage {0}: geef een bestandsnaam (1 tot 255 tekens), een mediatype en niet-lege inhoud.",
            fr: "Pièce jointe {0} : indiquez un nom de fichier (1 à 255 caractères), un type de média et un contenu non vide.",
            de: "Anhang {0}: Geben Sie einen Dateinamen (1 bis 255 Zeichen), einen Medientyp und nicht leeren Inhalt an.",
            en: "Attachment {0}: give a file name (1 to 255 characters), a media type and non-empty content."),
        attachmentsTooLarge: LocalizedText(
            nl: "De bijlagen van één registratie zijn samen hoogstens 3,5 MiB groot en het zijn er hoogstens 20.",
            fr: "Les pièces jointes d'un enregistrement font au plus 3,5 Mio au total et sont au plus 20.",
            de: "Die Anhänge einer Registrierung sind zusammen höchstens 3,5 MiB groß und höchstens 20.",
            en: "The attachments of one registration total at most 3.5 MiB and number at most 20."),
        invalidHash: LocalizedText(
            nl: "Bijlage {0}: een SHA-256 telt 64 hexadecimale cijfers.",
            fr: "Pièce jointe {0} : un SHA-256 compte 64 chiffres hexadécimaux.",
            de: "Anhang {0}: Ein SHA-256 hat 64 hexadezimale Ziffern.",
            en: "Attachment {0}: a SHA-256 has 64 hexadecimal digits."),
        hashMismatch: LocalizedText(
            nl: "Bijlage {0} is niet wat de afzender opgaf: de SHA-256 van de inhoud is {1}. Er is niets geregistreerd.",
            fr: "La pièce jointe {0} ne correspond pas à ce que l'expéditeur a indiqué : le SHA-256 du contenu est {1}. Rien n'a été enregistré.",
            de: "Anhang {0} entspricht nicht der Angabe des Absenders: Der SHA-256 des Inhalts ist {1}. Nichts wurde registriert.",
            en: "Attachment {0} is not what the sender stated: the SHA-256 of its content is {1}. Nothing was registered."),
        invalidAnswers: LocalizedText(
            nl: "Alleen een uitgaand stuk kan antwoorden, en dan op bestaande stukken (id's).",
            fr: "Seul un courrier sortant peut répondre, et alors à des courriers existants (identifiants).",
            de: "Nur ein ausgehendes Schriftstück kann antworten, und zwar auf bestehende Schriftstücke (IDs).",
            en: "Only an outgoing item can answer, and then existing items (ids)."),
        answersNotIncoming: LocalizedText(
            nl: "Een antwoord hoort bij inkomende stukken; {0} bestaat niet of is niet inkomend.",
            fr: "Une réponse se rapporte à des courriers entrants ; {0} n'existe pas ou n'est pas entrant.",
            de: "Eine Antwort gehört zu eingehenden Schriftstücken; {0} existiert nicht oder ist nicht eingehend.",
            en: "A reply answers incoming items; {0} does not exist or is not incoming."),
        itemNotFound: LocalizedText(
            nl: "Stuk {0} bestaat niet.",
            fr: "Le courrier {0} n'existe pas.",
            de: "Schriftstück {0} existiert nicht.",
            en: "Item {0} does not exist."),
        attachmentNotFound: LocalizedText(
            nl: "Bijlage {0} bestaat niet.",
            fr: "La pièce jointe {0} n'existe pas.",
            de: "Anhang {0} existiert nicht.",
            en: "Attachment {0} does not exist."),
        confidential: LocalizedText(
            nl: "Stuk {0} is vertrouwelijk; u hebt er geen toegang toe.",
            fr: "Le courrier {0} est confidentiel ; vous n'y avez pas accès.",
            de: "Schriftstück {0} ist vertraulich; Sie haben keinen Zugriff darauf.",
            en: "Item {0} is confidential; you have no access to it."),
        invalidAction: LocalizedText(
            nl: "Geef een stap van de werkstroom.",
            fr: "Indiquez une étape du flux de travail.",
            de: "Geben Sie einen Schritt des Arbeitsablaufs an.",
            en: "Give a workflow step."),
        workflowRefused: LocalizedText(
            nl: "Stap {0} kan niet voor een stuk met status {1}.",
            fr: "L'étape {0} n'est pas possible pour un courrier au statut {1}.",
            de: "Schritt {0} ist für ein Schriftstück mit Status {1} nicht möglich.",
            en: "Step {0} is not possible for an item with status {1}."),
        invalidDepartment: LocalizedText(
            nl: "Dienst {0} bestaat niet.",
            fr: "Le service {0} n'existe pas.",
            de: "Abteilung {0} existiert nicht.",
            en: "Department {0} does not exist."),
        invalidAgent: LocalizedText(
            nl: "Geef de gebruikersnaam van de behandelaar, bv. an.peeters.",
            fr: "Indiquez le nom d'utilisateur de l'agent traitant, p. ex. an.peeters.",
            de: "Geben Sie den Benutzernamen des Sachbearbeiters an, z. B. an.peeters.",
            en: "Give the user name of the agent, e.g. an.peeters."),
        invalidReason: LocalizedText(
            nl: "Geef een reden (1 tot 1000 tekens).",
            fr: "Indiquez un motif (1 à 1000 caractères).",
            de: "Geben Sie einen Grund an (1 bis 1000 Zeichen).",
            en: "Give a reason (1 to 1000 characters)."),
        invalidPeriod: LocalizedText(
            nl: "Het einde van de periode ligt voor het begin.",
            fr: "La fin de la période précède son début.",
            de: "Das Ende des Zeitraums liegt vor seinem Beginn.",
            en: "The end of the period is before its start."),
        invalidWorkingDays: LocalizedText(
            nl: "Geef een aantal werkdagen van {0} tot {1}.",
            fr: "Indiquez un nombre de jours ouvrables de {0} à {1}.",
            de: "Geben Sie eine Anzahl Arbeitstage von {0} bis {1} an.",
            en: "Give a number of working days from {0} to {1}."),
        notIncoming: LocalizedText(
            nl: "Stuk {0} is uitgaand en heeft geen termijn.",
            fr: "Le courrier {0} est sortant et n'a pas de délai.",
            de: "Schriftstück {0} ist ausgehend und hat keine Frist.",
            en: "Item {0} is outgoing and has no term."),
        notOpen: LocalizedText(
            nl: "Stuk {0} is al beantwoord; de termijn loopt niet meer.",
            fr: "Le courrier {0} a déjà reçu une réponse ; le délai ne court plus.",
            de: "Schriftstück {0} ist bereits beantwortet; die Frist läuft nicht mehr.",
            en: "Item {0} has been answered; its term no longer runs."),
        invalidPageToken: LocalizedText(
            nl: "Dit paginatoken is ongeldig; begin opnieuw zonder token.",
            fr: "Ce jeton de page n'est pas valide ; recommencez sans jeton.",
            de: "Dieses Seitentoken ist ungültig; beginnen Sie erneut ohne Token.",
            en: "This page token is invalid; start again without a token."),
        invalidPageSize: LocalizedText(
            nl: "Een pagina telt 1 tot 100 resultaten.",
            fr: "Une page compte de 1 à 100 résultats.",
            de: "Eine Seite hat 1 bis 100 Ergebnisse.",
            en: "A page has 1 to 100 results."),
        invalidDeadlinePageSize: LocalizedText(
            nl: "Een pagina telt 1 tot 1000 stukken; geef 0 voor 1000.",
            fr: "Une page compte de 1 à 1000 courriers ; indiquez 0 pour 1000.",
            de: "Eine Seite hat 1 bis 1000 Schriftstücke; geben Sie 0 für 1000 an.",
            en: "A page has 1 to 1,000 items; give 0 for 1,000."),
        deadlinePageTokenMismatch: LocalizedText(
            nl: "Dit paginatoken hoort bij een lijst met een andere dienst of een ander aantal werkdagen; begin opnieuw zonder token.",
            fr: "Ce jeton de page appartient à une liste d'un autre service ou d'un autre nombre de jours ouvrables ; recommencez sans jeton.",
            de: "Dieses Seitentoken gehört zu einer Liste mit einer anderen Abteilung oder einer anderen Anzahl Arbeitstage; beginnen Sie erneut ohne Token.",
            en: "This page token belongs to a list with another department or number of working days; start again without a token."),
        invalidInterval: LocalizedText(
            nl: "Het interval telt 1 tot 3600 seconden.",
            fr: "L'intervalle compte de 1 à 3600 secondes.",
            de: "Das Intervall beträgt 1 bis 3600 Sekunden.",
            en: "The interval is 1 to 3600 seconds."),
        invalidQuery: LocalizedText(
            nl: "Een zoekopdracht telt hoogstens 500 tekens.",
            fr: "Une recherche compte au plus 500 caractères.",
            de: "Eine Suchanfrage hat höchstens 500 Zeichen.",
            en: "A search query has at most 500 characters."),
        defaultTermKept: LocalizedText(
            nl: "De standaardtermijn kan niet weg; stel een ander aantal werkdagen in.",
            fr: "Le délai par défaut ne peut pas être supprimé ; fixez un autre nombre de jours ouvrables.",
            de: "Die Standardfrist kann nicht entfernt werden; legen Sie eine andere Anzahl Arbeitstage fest.",
            en: "The default term cannot be removed; set another number of working days instead."),
        invalidOrder: LocalizedText(
            nl: "Sorteer op relevantie of op datum (nieuwste eerst).",
            fr: "Triez par pertinence ou par date (les plus récents d'abord).",
            de: "Sortieren Sie nach Relevanz oder nach Datum (neueste zuerst).",
            en: "Order by relevance or by date (newest first)."),
        searchChanged: LocalizedText(
            nl: "Deze zoekopdracht vindt intussen meer dan 1000 stukken, nu op datum gesorteerd; begin opnieuw zonder paginatoken.",
            fr: "Cette recherche trouve à présent plus de 1000 courriers, triés par date ; recommencez sans jeton de page.",
            de: "Diese Suche findet inzwischen mehr als 1000 Schriftstücke, jetzt nach Datum sortiert; beginnen Sie erneut ohne Seitentoken.",
            en: "This search now finds more than 1,000 items, which are now ordered by date; start again without a page token."),
    ]
}
