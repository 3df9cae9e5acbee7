import LoketPluginAPI

/// The labels of extracts in the four languages.
enum ExtractLabels {
    static func title(_ kind: ActKind) -> LocalizedText {
        switch kind {
        case .birth: LocalizedText(nl: "Uittreksel uit een akte van geboorte", fr: "Extrait d'acte de naissance", de: "Auszug aus einer Geburtsurkunde", en: "Extract of a birth certificate")
        case .recognition: LocalizedText(nl: "Uittreksel uit een akte van erkenning", fr: "Extrait d'acte de reconnaissance", de: "Auszug aus einer Anerkennungsurkunde", en: "Extract of a recognition certificate")
        case .marriage: LocalizedText(nl: "Uittreksel uit een akte van huwelijk", fr: "Extrait d'acte de mariage", de: "Auszug aus einer Heiratsurkunde", en: "Extract of a marriage certificate")
        case .divorce: LocalizedText(nl: "Uittreksel uit een akte van echtscheiding", fr: "Extrait d'acte de divorce", de: "Auszug aus einer Scheidungsurkunde", en: "Extract of a divorce certificate")
        case .legalCohabitation: LocalizedText(nl: "Attest van wettelijke samenwoning", fr: "Attestation de cohabitation légale", de: "Bescheinigung über das gesetzliche Zusammenwohnen", en: "Certificate of legal cohabitation")
        case .endOfLegalCohabitation: LocalizedText(nl: "Attest van beëindiging van wettelijke samenwoning", fr: "Attestation de cessation de cohabitation légale", de: "Bescheinigung über die Beendigung des gesetzlichen Zusammenwohnens", en: "Certificate of the end of legal cohabitation")
        case .nameChange: LocalizedText(nl: "Uittreksel uit een akte van naamsverandering", fr: "Extrait d'acte de changement de nom", de: "Auszug aus einer Namensänderungsurkunde", en: "Extract of a change of name certificate")
        case .death: LocalizedText(nl: "Uittreksel uit een akte van overlijden", fr: "Extrait d'acte de décès", de: "Auszug aus einer Sterbeurkunde", en: "Extract of a death certificate")
        }
    }

    static let actNumber = LocalizedText(nl: "Aktenummer", fr: "Numéro de l'acte", de: "Urkundennummer", en: "Act number")
    static let municipality = LocalizedText(nl: "Dienst", fr: "Service", de: "Dienststelle", en: "Office")
    static let eventDate = LocalizedText(nl: "Datum", fr: "Date", de: "Datum", en: "Date")
    static let place = LocalizedText(nl: "Plaats", fr: "Lieu", de: "Ort", en: "Place")
    static let familyName = LocalizedText(nl: "Naam", fr: "Nom", de: "Name", en: "Family name")
    static let givenNames = LocalizedText(nl: "Voornamen", fr: "Prénoms", de: "Vornamen", en: "Given names")
    static let birthDate = LocalizedText(nl: "Geboortedatum", fr: "Date de naissance", de: "Geburtsdatum", en: "Date of birth")
    static let nationalNumber = LocalizedText(nl: "Rijksregisternummer", fr: "Numéro de registre national", de: "Nationalregisternummer", en: "National register number")
    static let newNames = LocalizedText(nl: "Nieuwe naam", fr: "Nouveau nom", de: "Neuer Name", en: "New name")
    static let issuedOn = LocalizedText(nl: "Afgeleverd op", fr: "Délivré le", de: "Ausgestellt am", en: "Issued on")
    static let verificationCode = LocalizedText(nl: "Verificatiecode", fr: "Code de vérification", de: "Prüfcode", en: "Verification code")

    static let child = LocalizedText(nl: "Kind", fr: "Enfant", de: "Kind", en: "Child")
    static let mother = LocalizedText(nl: "Moeder", fr: "Mère", de: "Mutter", en: "Mother")
    static let father = LocalizedText(nl: "Vader of meemoeder", fr: "Père ou coparente", de: "Vater oder Mitmutter", en: "Father or co-parent")
    static let person = LocalizedText(nl: "Betrokkene", fr: "Personne concernée", de: "Betroffene Person", en: "Person concerned")
    static let partner = LocalizedText(nl: "Partner", fr: "Partenaire", de: "Partner", en: "Partner")
    static let deceased = LocalizedText(nl: "Overledene", fr: "Défunt", de: "Verstorbene Person", en: "Deceased")
}
