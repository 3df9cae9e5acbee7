import LoketPluginAPI

/// The names of statuses, actions, duplicate verdicts and data fields in the four languages, for messages.
enum ActText {
    static func name(of action: ActAction) -> LocalizedText {
        switch action {
        case .created: LocalizedText(nl: "aangemaakt", fr: "créé", de: "angelegt", en: "created")
        case .notified: LocalizedText(nl: "gemeld", fr: "notifié", de: "gemeldet", en: "notified")
        case .declared: LocalizedText(nl: "aangegeven", fr: "déclaré", de: "angezeigt", en: "declared")
        case .validated: LocalizedText(nl: "gevalideerd", fr: "validé", de: "geprüft", en: "validated")
        case .registered: LocalizedText(nl: "geregistreerd", fr: "enregistré", de: "eingetragen", en: "registered")
        case .certified: LocalizedText(nl: "uittreksel afgeleverd", fr: "extrait délivré", de: "Auszug ausgestellt", en: "certified")
        case .rejected: LocalizedText(nl: "geweigerd", fr: "refusé", de: "abgelehnt", en: "rejected")
        case .correctionRequested:
            LocalizedText(nl: "verbetering gevraagd", fr: "rectification demandée", de: "Berichtigung beantragt", en: "correction requested")
        case .correctionApproved:
            LocalizedText(nl: "verbetering goedgekeurd", fr: "rectification approuvée", de: "Berichtigung genehmigt", en: "correction approved")
        case .correctionRejected:
            LocalizedText(nl: "verbetering geweigerd", fr: "rectification refusée", de: "Berichtigung abgelehnt", en: "correction rejected")
        case .markedDuplicate:
            LocalizedText(nl: "als dubbel gemarkeerd", fr: "marqué comme doublon", de: "als Duplikat markiert", en: "marked duplicate")
        case .markedNotDuplicate:
            LocalizedText(nl: "als geen dubbel gemarkeerd", fr: "marqué comme non doublon", de: "als kein Duplikat markiert", en: "marked not duplicate")
        }
    }

    static func name(of status: ActStatus) -> LocalizedText {
        switch status {
        case .new: LocalizedText(nl: "nieuw", fr: "nouveau", de: "neu", en: "new")
        case .draft: LocalizedText(nl: "ontwerp", fr: "projet", de: "Entwurf", en: "draft")
        case .declared: LocalizedText(nl: "aangegeven", fr: "déclaré", de: "angezeigt", en: "declared")
        case .validated: LocalizedText(nl: "gevalideerd", fr: "validé", de: "geprüft", en: "validated")
        case .registered: LocalizedText(nl: "geregistreerd", fr: "enregistré", de: "eingetragen", en: "registered")
        case .correctionRequested:
            LocalizedText(nl: "verbetering gevraagd", fr: "rectification demandée", de: "Berichtigung beantragt", en: "correction requested")
        case .rejected: LocalizedText(nl: "geweigerd", fr: "refusé", de: "abgelehnt", en: "rejected")
        case .duplicate: LocalizedText(nl: "dubbel", fr: "doublon", de: "Duplikat", en: "duplicate")
        }
    }

    static func name(of verdict: DuplicateVerdict) -> LocalizedText {
        switch verdict {
        case .duplicate: LocalizedText(nl: "dubbel", fr: "doublon", de: "Duplikat", en: "duplicate")
        case .notDuplicate: LocalizedText(nl: "geen dubbel", fr: "pas un doublon", de: "kein Duplikat", en: "not duplicate")
        }
    }

    static let familyName = LocalizedText(nl: "de familienaam", fr: "le nom de famille", de: "den Familiennamen", en: "the family name")
    static let givenNames = LocalizedText(nl: "de voornamen", fr: "les prénoms", de: "die Vornamen", en: "the given names")
}
