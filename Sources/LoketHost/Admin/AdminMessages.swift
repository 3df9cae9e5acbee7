import LoketPluginAPI

/// The admin service's user-facing messages.
enum AdminMessages {
    static let invalidDepartmentID = LocalizedText(
        nl: "Een dienstcode bestaat uit kleine letters, cijfers en koppeltekens, begint met een letter en telt hoogstens 40 tekens.",
        fr: "Un code de service se compose de minuscules, de chiffres et de traits d'union, commence par une lettre et compte au plus 40 caractères.",
        de: "Ein Abteilungscode besteht aus Kleinbuchstaben, Ziffern und Bindestrichen, beginnt mit einem Buchstaben und hat höchstens 40 Zeichen.",
        en: "A department id consists of lowercase letters, digits and hyphens, starts with a letter and has at most 40 characters.")
    static let invalidName = LocalizedText(
        nl: "Geef een naam van 1 tot 200 tekens.",
        fr: "Indiquez un nom de 1 à 200 caractères.",
        de: "Geben Sie einen Namen mit 1 bis 200 Zeichen an.",
        en: "Give a name of 1 to 200 characters.")
    static let departmentExists = LocalizedText(
        nl: "De dienst {0} bestaat al.",
        fr: "Le service {0} existe déjà.",
        de: "Die Abteilung {0} existiert bereits.",
        en: "The department {0} already exists.")
    static let departmentNotFound = LocalizedText(
        nl: "De dienst {0} bestaat niet.",
        fr: "Le service {0} n'existe pas.",
        de: "Die Abteilung {0} existiert nicht.",
        en: "The department {0} does not exist.")
    static let pluginNotFound = LocalizedText(
        nl: "Deze server draait geen module {0}.",
        fr: "Ce serveur n'exécute aucun module {0}.",
        de: "Dieser Server betreibt kein Modul {0}.",
        en: "This server runs no plugin {0}.")
    static let invalidPrincipalName = LocalizedText(
        nl: "Een gebruikersnaam bestaat uit kleine letters, cijfers en ._@- en telt hoogstens 100 tekens.",
        fr: "Un nom d'utilisateur se compose de minuscules, de chiffres et de ._@- et compte au plus 100 caractères.",
        de: "Ein Benutzername besteht aus Kleinbuchstaben, Ziffern und ._@- und hat höchstens 100 Zeichen.",
        en: "A principal name consists of lowercase letters, digits and ._@- and has at most 100 characters.")
    static let principalExists = LocalizedText(
        nl: "De gebruiker {0} bestaat al.",
        fr: "L'utilisateur {0} existe déjà.",
        de: "Der Benutzer {0} existiert bereits.",
        en: "The principal {0} already exists.")
    static let principalNotFound = LocalizedText(
        nl: "De gebruiker {0} bestaat niet.",
        fr: "L'utilisateur {0} n'existe pas.",
        de: "Der Benutzer {0} existiert nicht.",
        en: "The principal {0} does not exist.")
    static let roleRequired = LocalizedText(
        nl: "Kies een rol: beheerder, medewerker of koppeling.",
        fr: "Choisissez un rôle : administrateur, agent ou intégration.",
        de: "Wählen Sie eine Rolle: Administrator, Sachbearbeiter oder Schnittstelle.",
        en: "Choose a role: administrator, clerk or integration.")
    static let departmentRequired = LocalizedText(
        nl: "Medewerkers en koppelingen horen bij een dienst: geef department_id op.",
        fr: "Les agents et les intégrations appartiennent à un service : indiquez department_id.",
        de: "Sachbearbeiter und Schnittstellen gehören zu einer Abteilung: Geben Sie department_id an.",
        en: "Clerks and integrations belong to a department: give department_id.")
    static let scopesOnlyForIntegrations = LocalizedText(
        nl: "Alleen koppelingen hebben een lijst van toelatingen (scopes).",
        fr: "Seules les intégrations ont une liste d'autorisations (scopes).",
        de: "Nur Schnittstellen haben eine Liste von Berechtigungen (scopes).",
        en: "Only integrations have a list of permissions (scopes).")
    static let unknownScope = LocalizedText(
        nl: "Geen enkele module kent de toelating {0} toe aan koppelingen.",
        fr: "Aucun module n'accorde l'autorisation {0} aux intégrations.",
        de: "Kein Modul gewährt Schnittstellen die Berechtigung {0}.",
        en: "No plugin grants the permission {0} to integrations.")
    static let credentialNotFound = LocalizedText(
        nl: "De aanmeldgegevens {0} bestaan niet.",
        fr: "L'identifiant {0} n'existe pas.",
        de: "Die Anmeldedaten {0} existieren nicht.",
        en: "The credential {0} does not exist.")
    static let invalidCertificate = LocalizedText(
        nl: "Het certificaat is geen geldig PEM-certificaat.",
        fr: "Le certificat n'est pas un certificat PEM valide.",
        de: "Das Zertifikat ist kein gültiges PEM-Zertifikat.",
        en: "The certificate is not a valid PEM certificate.")
    static let invalidTimestamp = LocalizedText(
        nl: "{0} is geen geldig tijdstip (RFC 3339, bv. 2026-11-22T09:00:00Z).",
        fr: "{0} n'est pas un instant valide (RFC 3339, p. ex. 2026-11-22T09:00:00Z).",
        de: "{0} ist kein gültiger Zeitpunkt (RFC 3339, z. B. 2026-11-22T09:00:00Z).",
        en: "{0} is not a valid time (RFC 3339, e.g. 2026-11-22T09:00:00Z).")
    static let invalidPageToken = LocalizedText(
        nl: "Het paginatoken is ongeldig.",
        fr: "Le jeton de page n'est pas valide.",
        de: "Das Seiten-Token ist ungültig.",
        en: "The page token is not valid.")
    static let invalidID = LocalizedText(
        nl: "{0} is geen geldige id.",
        fr: "{0} n'est pas un identifiant valide.",
        de: "{0} ist keine gültige ID.",
        en: "{0} is not a valid id.")
}
