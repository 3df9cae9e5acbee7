import LoketPluginAPI

/// The plugin's user-facing messages, by key, in nl, fr, de and en.
enum FeedbackMessages {
    static let invalidClientKey = "invalid-client-key"
    static let invalidKind = "invalid-kind"
    static let invalidChannel = "invalid-channel"
    static let unknownCategory = "unknown-category"
    static let invalidText = "invalid-text"
    static let invalidLanguage = "invalid-language"
    static let invalidContact = "invalid-contact"
    static let invalidAttachment = "invalid-attachment"
    static let invalidReceivedOn = "invalid-received-on"
    static let clientKeyReused = "client-key-reused"
    static let caseNotFound = "case-not-found"
    static let notResponsible = "not-responsible"
    static let unknownStatus = "unknown-status"
    static let transitionNotAllowed = "transition-not-allowed"
    static let answerTextRequired = "answer-text-required"
    static let reasonRequired = "reason-required"
    static let invalidNote = "invalid-note"
    static let unknownDepartment = "unknown-department"
    static let callerWithoutDepartment = "caller-without-department"
    static let invalidRule = "invalid-rule"
    static let invalidCategory = "invalid-category"
    static let invalidSettings = "invalid-settings"
    static let invalidDay = "invalid-day"
    static let invalidSurvey = "invalid-survey"
    static let noActiveSurvey = "no-active-survey"
    static let tokenUnknown = "token-unknown"
    static let tokenUsed = "token-used"
    static let tokenExpired = "token-expired"
    static let invalidAnswer = "invalid-answer"
    static let missingAnswer = "missing-answer"
    static let caseAnonymized = "case-anonymized"
    static let surveyReopenReason = "survey-reopen-reason"
    static let departmentNotAllowed = "department-not-allowed"
    static let invalidPageSize = "invalid-page-size"
    static let invalidPageToken = "invalid-page-token"

    static let catalog: [String: LocalizedText] = [
        invalidClientKey: LocalizedText(
            nl: "Geef een klantsleutel van 1 tot 100 tekens.",
            fr: "Indiquez une clé client de 1 à 100 caractères.",
            de: "Geben Sie einen Client-Schlüssel mit 1 bis 100 Zeichen an.",
            en: "Give a client key of 1 to 100 characters."),
        invalidKind: LocalizedText(
            nl: "{0} is geen geldige soort: klacht (complaint), vraag (question), aanvraag (request) of compliment (compliment).",
            fr: "{0} n'est pas un type valide : plainte (complaint), question (question), demande (request) ou compliment (compliment).",
            de: "{0} ist keine gültige Art: Beschwerde (complaint), Frage (question), Antrag (request) oder Lob (compliment).",
            en: "{0} is not a valid kind: complaint, question, request or compliment."),
        invalidChannel: LocalizedText(
            nl: "{0} is geen geldig kanaal: counter, phone, web, email of letter.",
            fr: "{0} n'est pas un canal valide : counter, phone, web, email ou letter.",
            de: "{0} ist kein gültiger Kanal: counter, phone, web, email oder letter.",
            en: "{0} is not a valid channel: counter, phone, web, email or letter."),
        unknownCategory: LocalizedText(
            nl: "De categorie {0}/{1} bestaat niet.",
            fr: "La catégorie {0}/{1} n'existe pas.",
            de: "Die Kategorie {0}/{1} existiert nicht.",
            en: "The category {0}/{1} does not exist."),
        invalidText: LocalizedText(
            nl: "De tekst mag niet leeg zijn en telt hoogstens 10000 tekens.",
            fr: "Le texte ne peut pas être vide et compte au plus 10000 caractères.",
            de: "Der Text darf nicht leer sein und hat höchstens 10000 Zeichen.",
            en: "The text must not be empty and has at most 10000 characters."),
        invalidLanguage: LocalizedText(
            nl: "{0} is geen ondersteunde taal: nl, fr, de of en.",
            fr: "{0} n'est pas une langue prise en charge : nl, fr, de ou en.",
            de: "{0} ist keine unterstützte Sprache: nl, fr, de oder en.",
            en: "{0} is not a supported language: nl, fr, de or en."),
        invalidContact: LocalizedText(
            nl: "Contactgegevens hebben minstens een naam, e-mailadres, telefoonnummer of adres, elk hoogstens 300 tekens; laat ze weg voor een anonieme melding.",
            fr: "Les coordonnées comportent au moins un nom, une adresse e-mail, un téléphone ou une adresse, chacun de 300 caractères au plus ; omettez-les pour un signalement anonyme.",
            de: "Kontaktdaten enthalten mindestens einen Namen, eine E-Mail-Adresse, eine Telefonnummer oder eine Anschrift mit je höchstens 300 Zeichen; lassen Sie sie für eine anonyme Meldung weg.",
            en: "Contact details have at least a name, e-mail address, phone number or address, each at most 300 characters; leave them out for an anonymous case."),
        invalidAttachment: LocalizedText(
            nl: "Bijlage {0} heeft een verwijzing nodig (hoogstens 500 tekens); hoogstens 20 bijlagen.",
            fr: "La pièce jointe {0} nécessite une référence (500 caractères au plus) ; 20 pièces jointes au plus.",
            de: "Anhang {0} braucht einen Verweis (höchstens 500 Zeichen); höchstens 20 Anhänge.",
            en: "Attachment {0} needs a reference (at most 500 characters); at most 20 attachments."),
        invalidReceivedOn: LocalizedText(
            nl: "De ontvangstdatum {0} moet een dag JJJJ-MM-DD zijn, niet in de toekomst en hoogstens een jaar geleden.",
            fr: "La date de réception {0} doit être un jour AAAA-MM-JJ, ni future ni antérieure de plus d'un an.",
            de: "Das Eingangsdatum {0} muss ein Tag JJJJ-MM-TT sein, nicht in der Zukunft und höchstens ein Jahr zurück.",
            en: "The received date {0} must be a day YYYY-MM-DD, not in the future and at most a year ago."),
        clientKeyReused: LocalizedText(
            nl: "De klantsleutel {0} werd al gebruikt voor een andere melding.",
            fr: "La clé client {0} a déjà servi pour un autre signalement.",
            de: "Der Client-Schlüssel {0} wurde bereits für eine andere Meldung verwendet.",
            en: "The client key {0} was already used for another case."),
        caseNotFound: LocalizedText(
            nl: "Dossier {0} bestaat niet in uw dienst.",
            fr: "Le dossier {0} n'existe pas dans votre service.",
            de: "Vorgang {0} existiert in Ihrer Abteilung nicht.",
            en: "Case {0} does not exist in your department."),
        notResponsible: LocalizedText(
            nl: "Dossier {0} wordt behandeld door dienst {1}; alleen die dienst kan het wijzigen.",
            fr: "Le dossier {0} est traité par le service {1} ; seul ce service peut le modifier.",
            de: "Vorgang {0} wird von Abteilung {1} bearbeitet; nur diese Abteilung kann ihn ändern.",
            en: "Case {0} is handled by department {1}; only that department can change it."),
        unknownStatus: LocalizedText(
            nl: "{0} is geen status: received, in_treatment, answered of closed.",
            fr: "{0} n'est pas un statut : received, in_treatment, answered ou closed.",
            de: "{0} ist kein Status: received, in_treatment, answered oder closed.",
            en: "{0} is not a status: received, in_treatment, answered or closed."),
        transitionNotAllowed: LocalizedText(
            nl: "Een dossier kan niet van {0} naar {1} gaan.",
            fr: "Un dossier ne peut pas passer de {0} à {1}.",
            de: "Ein Vorgang kann nicht von {0} zu {1} wechseln.",
            en: "A case cannot go from {0} to {1}."),
        answerTextRequired: LocalizedText(
            nl: "Geef de tekst van het antwoord aan de burger.",
            fr: "Indiquez le texte de la réponse au citoyen.",
            de: "Geben Sie den Text der Antwort an die Bürgerin oder den Bürger an.",
            en: "Give the text of the answer to the citizen."),
        reasonRequired: LocalizedText(
            nl: "Geef een reden.",
            fr: "Indiquez une raison.",
            de: "Geben Sie einen Grund an.",
            en: "Give a reason."),
        invalidNote: LocalizedText(
            nl: "Een notitie telt 1 tot 10000 tekens.",
            fr: "Une note compte de 1 à 10000 caractères.",
            de: "Eine Notiz hat 1 bis 10000 Zeichen.",
            en: "A note has 1 to 10000 characters."),
        unknownDepartment: LocalizedText(
            nl: "De dienst {0} bestaat niet.",
            fr: "Le service {0} n'existe pas.",
            de: "Die Abteilung {0} existiert nicht.",
            en: "The department {0} does not exist."),
        invalidRule: LocalizedText(
            nl: "Routeringsregel {0} is ongeldig: posities zijn uniek en positief, en elke regel noemt een dienst.",
            fr: "La règle d'aiguillage {0} n'est pas valide : les positions sont uniques et positives, et chaque règle nomme un service.",
            de: "Die Zuweisungsregel {0} ist ungültig: Positionen sind eindeutig und positiv, und jede Regel nennt eine Abteilung.",
            en: "Routing rule {0} is invalid: positions are unique and positive, and every rule names a department."),
        invalidCategory: LocalizedText(
            nl: "Een categorie heeft codes uit kleine letters, cijfers en koppeltekens, een termijn van 1 tot 365 dagen en titels in vier talen.",
            fr: "Une catégorie a des codes en minuscules, chiffres et traits d'union, un délai de 1 à 365 jours et des titres en quatre langues.",
            de: "Eine Kategorie hat Codes aus Kleinbuchstaben, Ziffern und Bindestrichen, eine Frist von 1 bis 365 Tagen und Titel in vier Sprachen.",
            en: "A category has codes of lowercase letters, digits and hyphens, a term of 1 to 365 days and titles in four languages."),
        invalidSettings: LocalizedText(
            nl: "Ongeldige instellingen: eerste antwoord 0 tot 60 werkdagen, bewaring 1 tot 36500 dagen, actie anonymize of delete, uitnodiging 1 tot 365 dagen.",
            fr: "Paramètres non valides : première réponse 0 à 60 jours ouvrables, conservation 1 à 36500 jours, action anonymize ou delete, invitation 1 à 365 jours.",
            de: "Ungültige Einstellungen: erste Antwort 0 bis 60 Arbeitstage, Aufbewahrung 1 bis 36500 Tage, Aktion anonymize oder delete, Einladung 1 bis 365 Tage.",
            en: "Invalid settings: first answer 0 to 60 working days, retention 1 to 36500 days, action anonymize or delete, invitation 1 to 365 days."),
        invalidDay: LocalizedText(
            nl: "{0} is geen geldige dag (JJJJ-MM-DD).",
            fr: "{0} n'est pas un jour valide (AAAA-MM-JJ).",
            de: "{0} ist kein gültiger Tag (JJJJ-MM-TT).",
            en: "{0} is not a valid day (YYYY-MM-DD)."),
        invalidSurvey: LocalizedText(
            nl: "Ongeldige enquête: {0}.",
            fr: "Enquête non valide : {0}.",
            de: "Ungültige Umfrage: {0}.",
            en: "Invalid survey: {0}."),
        noActiveSurvey: LocalizedText(
            nl: "Er is geen actieve enquête voor {0}.",
            fr: "Il n'y a pas d'enquête active pour {0}.",
            de: "Es gibt keine aktive Umfrage für {0}.",
            en: "There is no active survey for {0}."),
        tokenUnknown: LocalizedText(
            nl: "Deze uitnodiging bestaat niet.",
            fr: "Cette invitation n'existe pas.",
            de: "Diese Einladung existiert nicht.",
            en: "This invitation does not exist."),
        tokenUsed: LocalizedText(
            nl: "Deze uitnodiging werd al beantwoord.",
            fr: "Il a déjà été répondu à cette invitation.",
            de: "Diese Einladung wurde bereits beantwortet.",
            en: "This invitation has already been answered."),
        tokenExpired: LocalizedText(
            nl: "Deze uitnodiging is verlopen.",
            fr: "Cette invitation a expiré.",
            de: "Diese Einladung ist abgelaufen.",
            en: "This invitation has expired."),
        invalidAnswer: LocalizedText(
            nl: "Het antwoord op vraag {0} is ongeldig.",
            fr: "La réponse à la question {0} n'est pas valide.",
            de: "Die Antwort auf Frage {0} ist ungültig.",
            en: "The answer to question {0} is invalid."),
        missingAnswer: LocalizedText(
            nl: "Vraag {0} moet beantwoord worden.",
            fr: "La question {0} doit recevoir une réponse.",
            de: "Frage {0} muss beantwortet werden.",
            en: "Question {0} must be answered."),
        caseAnonymized: LocalizedText(
            nl: "Dossier {0} werd geanonimiseerd en kan niet meer gewijzigd worden.",
            fr: "Le dossier {0} a été anonymisé et ne peut plus être modifié.",
            de: "Vorgang {0} wurde anonymisiert und kann nicht mehr geändert werden.",
            en: "Case {0} was anonymized and can no longer be changed."),
        surveyReopenReason: LocalizedText(
            nl: "Heropend na een ontevreden antwoord op de tevredenheidsenquête.",
            fr: "Rouvert après une réponse insatisfaite à l'enquête de satisfaction.",
            de: "Wiedereröffnet nach einer unzufriedenen Antwort auf die Zufriedenheitsumfrage.",
            en: "Reopened after an unhappy answer to the satisfaction survey."),
        callerWithoutDepartment: LocalizedText(
            nl: "Deze handeling is er voor medewerkers van een dienst; uw account hoort bij geen enkele dienst.",
            fr: "Cette opération est réservée au personnel d'un service ; votre compte n'appartient à aucun service.",
            de: "Dieser Vorgang ist Mitarbeitenden einer Abteilung vorbehalten; Ihr Konto gehört zu keiner Abteilung.",
            en: "This is done by the staff of a department; your account belongs to none."),
        departmentNotAllowed: LocalizedText(
            nl: "U kunt alleen de gegevens van uw eigen dienst opvragen, niet die van {0}.",
            fr: "Vous ne pouvez consulter que les données de votre propre service, pas celles de {0}.",
            de: "Sie können nur die Daten Ihrer eigenen Abteilung abrufen, nicht die von {0}.",
            en: "You can only see the figures of your own department, not those of {0}."),
        invalidPageSize: LocalizedText(
            nl: "Het aantal per pagina mag niet negatief zijn (0 voor 100, hoogstens 500).",
            fr: "Le nombre par page ne peut pas être négatif (0 pour 100, 500 au plus).",
            de: "Die Anzahl pro Seite darf nicht negativ sein (0 für 100, höchstens 500).",
            en: "The page size must not be negative (0 for 100, at most 500)."),
        invalidPageToken: LocalizedText(
            nl: "Dit paginatoken is ongeldig of hoort bij een andere zoekopdracht; begin opnieuw bij de eerste pagina.",
            fr: "Ce jeton de page n'est pas valide ou appartient à une autre recherche ; recommencez à la première page.",
            de: "Dieses Seiten-Token ist ungültig oder gehört zu einer anderen Abfrage; beginnen Sie wieder bei der ersten Seite.",
            en: "This page token is invalid or belongs to another query; start again from the first page."),
    ]
}
