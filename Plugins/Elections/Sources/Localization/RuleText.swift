import LoketPluginAPI

/// The explanation of every rule code (eligibility, applications, proxies, results) in nl, fr, de and en.
enum RuleText {
    /// The text for a rule code; every code of the domain enums has one (a unit test checks it).
    static func text(_ code: String) -> LocalizedText? { all[code] }

    static let all: [String: LocalizedText] = [
        // Eligibility.
        "included-belgian": LocalizedText(
            nl: "Belg, 18 jaar op de verkiezingsdag en ingeschreven in de gemeente op de referentiedatum.",
            fr: "Belge, âgé de 18 ans le jour de l'élection et inscrit dans la commune à la date de référence.",
            de: "Belgier, am Wahltag 18 Jahre alt und am Stichtag in der Gemeinde eingetragen.",
            en: "Belgian, 18 on election day and registered in the municipality on the reference date."),
        "included-eu-application": LocalizedText(
            nl: "Burger van de Europese Unie met een goedgekeurde aanvraag voor dit soort verkiezing.",
            fr: "Citoyen de l'Union européenne dont la demande pour ce type d'élection a été approuvée.",
            de: "Unionsbürger mit einem genehmigten Antrag für diese Art von Wahl.",
            en: "Citizen of the European Union with an approved application for this kind of election."),
        "included-non-eu-application": LocalizedText(
            nl: "Niet-EU-burger met een goedgekeurde aanvraag (vijf jaar wettig verblijf, ondertekende verklaring).",
            fr: "Ressortissant hors UE dont la demande a été approuvée (cinq ans de séjour légal, déclaration signée).",
            de: "Nicht-EU-Bürger mit genehmigtem Antrag (fünf Jahre rechtmäßiger Aufenthalt, unterschriebene Erklärung).",
            en: "Non-EU citizen with an approved application (five years of legal residence, signed declaration)."),
        "excluded-deceased": LocalizedText(
            nl: "Overleden vóór of op de verkiezingsdag.", fr: "Décédé avant ou le jour de l'élection.",
            de: "Vor oder am Wahltag verstorben.", en: "Died on or before election day."),
        "excluded-not-resident": LocalizedText(
            nl: "Niet ingeschreven met hoofdverblijf in de gemeente op de referentiedatum.",
            fr: "Pas inscrit à titre de résidence principale dans la commune à la date de référence.",
            de: "Am Stichtag nicht mit Hauptwohnsitz in der Gemeinde eingetragen.",
            en: "Not registered with main residence in the municipality on the reference date."),
        "excluded-birth-date-unknown": LocalizedText(
            nl: "De geboortedatum is niet volledig bekend in het register.",
            fr: "La date de naissance n'est pas entièrement connue du registre.",
            de: "Das Geburtsdatum ist im Register nicht vollständig bekannt.",
            en: "The register does not know the full birth date."),
        "excluded-under-18": LocalizedText(
            nl: "Nog geen 18 jaar op de verkiezingsdag.", fr: "N'a pas 18 ans le jour de l'élection.",
            de: "Am Wahltag noch nicht 18 Jahre alt.", en: "Not 18 on election day."),
        "excluded-nationality-not-admitted": LocalizedText(
            nl: "Deze verkiezing staat alleen open voor Belgen (en voor de kiezers die de wet toelaat na aanvraag).",
            fr: "Cette élection n'est ouverte qu'aux Belges (et aux électeurs que la loi admet sur demande).",
            de: "Diese Wahl steht nur Belgiern offen (und den Wählern, die das Gesetz auf Antrag zulässt).",
            en: "This election is open to Belgians only (and to the voters the law admits on application)."),
        "excluded-no-application": LocalizedText(
            nl: "Geen Belg en geen aanvraag tot inschrijving als kiezer voor deze verkiezing.",
            fr: "N'est pas Belge et n'a pas demandé son inscription comme électeur pour cette élection.",
            de: "Kein Belgier und kein Antrag auf Eintragung als Wähler für diese Wahl.",
            en: "Not Belgian and no application to be registered as a voter for this election."),
        "excluded-application-not-approved": LocalizedText(
            nl: "De aanvraag tot inschrijving als kiezer is niet goedgekeurd (in behandeling, geweigerd of ingetrokken).",
            fr: "La demande d'inscription comme électeur n'est pas approuvée (en cours, refusée ou retirée).",
            de: "Der Antrag auf Eintragung als Wähler ist nicht genehmigt (in Bearbeitung, abgelehnt oder zurückgezogen).",
            en: "The application to be registered as a voter is not approved (pending, refused or withdrawn)."),
        "excluded-deprived": LocalizedText(
            nl: "Bij rechterlijke beslissing ontzet uit het kiesrecht op de verkiezingsdag.",
            fr: "Privé du droit de vote le jour de l'élection par décision judiciaire.",
            de: "Am Wahltag durch Gerichtsentscheidung vom Wahlrecht ausgeschlossen.",
            en: "Deprived of voting rights on election day by a court decision."),
        // Applications.
        "application-belgian": LocalizedText(
            nl: "Belgen staan zonder aanvraag op de kiezerslijst.", fr: "Les Belges sont inscrits d'office sur la liste des électeurs.",
            de: "Belgier stehen ohne Antrag auf der Wählerliste.", en: "Belgians are on the roll without applying."),
        "application-kind-not-open": LocalizedText(
            nl: "Voor dit soort verkiezing kunnen burgers van dit land zich niet als kiezer laten inschrijven.",
            fr: "Pour ce type d'élection, les ressortissants de ce pays ne peuvent pas s'inscrire comme électeurs.",
            de: "Für diese Art von Wahl können sich Staatsangehörige dieses Landes nicht als Wähler eintragen lassen.",
            en: "Citizens of this country cannot register as voters for this kind of election."),
        "application-closed": LocalizedText(
            nl: "De aanvragen zijn afgesloten op {0}.", fr: "Les demandes ont été clôturées le {0}.",
            de: "Die Anträge wurden am {0} geschlossen.", en: "Applications closed on {0}."),
        "application-declaration-missing": LocalizedText(
            nl: "Een niet-EU-burger moet de verklaring ondertekenen.", fr: "Un ressortissant hors UE doit signer la déclaration.",
            de: "Ein Nicht-EU-Bürger muss die Erklärung unterschreiben.", en: "A non-EU citizen must sign the declaration."),
        "application-residence-too-short": LocalizedText(
            nl: "Een niet-EU-burger heeft vijf jaar ononderbroken wettig verblijf nodig op de referentiedatum.",
            fr: "Un ressortissant hors UE doit justifier de cinq ans de séjour légal ininterrompu à la date de référence.",
            de: "Ein Nicht-EU-Bürger braucht am Stichtag fünf Jahre ununterbrochenen rechtmäßigen Aufenthalt.",
            en: "A non-EU citizen needs five years of uninterrupted legal residence by the reference date."),
        "application-nationality-unknown": LocalizedText(
            nl: "De nationaliteit is niet bekend in het register.", fr: "La nationalité n'est pas connue du registre.",
            de: "Die Staatsangehörigkeit ist im Register nicht bekannt.", en: "The register does not know the nationality."),
        // Proxies.
        "proxy-reason-missing": LocalizedText(
            nl: "Een volmacht vereist een wettelijke reden.", fr: "Une procuration exige un motif légal.",
            de: "Eine Vollmacht erfordert einen gesetzlichen Grund.", en: "A proxy needs a legal reason."),
        "proxy-certificate-missing": LocalizedText(
            nl: "Een volmacht vereist de referentie van een attest.", fr: "Une procuration exige la référence d'un certificat.",
            de: "Eine Vollmacht erfordert die Referenz einer Bescheinigung.", en: "A proxy needs a certificate reference."),
        "proxy-self": LocalizedText(
            nl: "Een kiezer kan zichzelf geen volmacht geven.", fr: "Un électeur ne peut pas se donner procuration à lui-même.",
            de: "Ein Wähler kann sich nicht selbst bevollmächtigen.", en: "A voter cannot give a proxy to themselves."),
        "proxy-voter-not-on-roll": LocalizedText(
            nl: "De volmachtgever staat niet op de kiezerslijst.", fr: "Le mandant n'est pas inscrit sur la liste des électeurs.",
            de: "Der Vollmachtgeber steht nicht auf der Wählerliste.", en: "The voter is not on the roll."),
        "proxy-holder-not-on-roll": LocalizedText(
            nl: "De volmachtdrager staat niet op de kiezerslijst.", fr: "Le mandataire n'est pas inscrit sur la liste des électeurs.",
            de: "Der Bevollmächtigte steht nicht auf der Wählerliste.", en: "The proxy holder is not on the roll."),
        "proxy-voter-already-given": LocalizedText(
            nl: "Deze kiezer heeft al een volmacht gegeven.", fr: "Cet électeur a déjà donné une procuration.",
            de: "Dieser Wähler hat bereits eine Vollmacht erteilt.", en: "This voter has already given a proxy."),
        "proxy-holder-already-holds": LocalizedText(
            nl: "Een volmachtdrager mag maar één volmacht hebben.", fr: "Un mandataire ne peut détenir qu'une seule procuration.",
            de: "Ein Bevollmächtigter darf nur eine Vollmacht haben.", en: "A proxy holder may hold only one proxy."),
        "proxy-candidate-not-family": LocalizedText(
            nl: "Een kandidaat mag alleen een volmacht hebben voor een naast familielid.",
            fr: "Un candidat ne peut détenir une procuration que pour un proche parent.",
            de: "Ein Kandidat darf eine Vollmacht nur für einen nahen Angehörigen haben.",
            en: "A candidate may hold a proxy only for close family."),
        // Results.
        "result-same-principal": LocalizedText(
            nl: "De tweede invoer moet door een andere persoon gebeuren.", fr: "La seconde saisie doit être faite par une autre personne.",
            de: "Die zweite Eingabe muss von einer anderen Person vorgenommen werden.", en: "The second entry must be made by someone else."),
        "result-entries-complete": LocalizedText(
            nl: "Beide invoeren verschillen: los het verschil eerst op.", fr: "Les deux saisies diffèrent : résolvez d'abord la différence.",
            de: "Beide Eingaben weichen ab: klären Sie zuerst den Unterschied.", en: "The two entries differ: resolve the difference first."),
        "result-already-accepted": LocalizedText(
            nl: "De uitslag van dit stembureau is al aanvaard.", fr: "Le résultat de ce bureau de vote est déjà accepté.",
            de: "Das Ergebnis dieses Wahllokals ist bereits angenommen.", en: "This polling station's result is accepted already."),
        "result-inconsistent": LocalizedText(
            nl: "De aantallen kloppen niet: stembiljetten = blanco + ongeldig + stemmen per lijst, niets negatief.",
            fr: "Les nombres ne concordent pas : bulletins = blancs + nuls + votes par liste, aucun négatif.",
            de: "Die Zahlen stimmen nicht: Stimmzettel = leer + ungültig + Stimmen je Liste, nichts negativ.",
            en: "The counts do not add up: ballots = blank + invalid + votes per list, none negative."),
    ]
}
