import LoketPluginAPI

/// The host's user-facing messages about credentials, enablement and permissions.
enum AccessMessages {
    static let missingCredentials = LocalizedText(
        nl: "Geen aanmeldgegevens: stuur een API-sleutel als 'authorization: Bearer <sleutel>'.",
        fr: "Aucun identifiant : envoyez une clé API sous la forme « authorization: Bearer <clé> ».",
        de: "Keine Anmeldedaten: Senden Sie einen API-Schlüssel als „authorization: Bearer <Schlüssel>“.",
        en: "No credentials: send an API key as 'authorization: Bearer <key>'.")
    static let invalidCredentials = LocalizedText(
        nl: "Ongeldige of ingetrokken aanmeldgegevens.",
        fr: "Identifiants invalides ou révoqués.",
        de: "Ungültige oder widerrufene Anmeldedaten.",
        en: "Invalid or revoked credentials.")
    static let pluginNotEnabled = LocalizedText(
        nl: "De module {0} is niet ingeschakeld voor de dienst {1}.",
        fr: "Le module {0} n'est pas activé pour le service {1}.",
        de: "Das Modul {0} ist für die Abteilung {1} nicht aktiviert.",
        en: "The plugin {0} is not enabled for the department {1}.")
    static let noDepartment = LocalizedText(
        nl: "De module {0} kan alleen gebruikt worden vanuit een dienst, en {1} hoort bij geen enkele dienst.",
        fr: "Le module {0} ne s'utilise qu'au sein d'un service, et {1} n'appartient à aucun service.",
        de: "Das Modul {0} kann nur aus einer Abteilung genutzt werden, und {1} gehört zu keiner Abteilung.",
        en: "The plugin {0} can only be used from a department, and {1} belongs to none.")
    static let missingPermission = LocalizedText(
        nl: "U hebt de toelating {0} niet.",
        fr: "Vous n'avez pas l'autorisation {0}.",
        de: "Ihnen fehlt die Berechtigung {0}.",
        en: "You lack the permission {0}.")
    static let missingPurpose = LocalizedText(
        nl: "Geef in 'x-loket-purpose' het doel op waarvoor u deze persoonsgegevens raadpleegt of wijzigt.",
        fr: "Indiquez dans « x-loket-purpose » la finalité pour laquelle vous consultez ou modifiez ces données personnelles.",
        de: "Geben Sie in „x-loket-purpose“ den Zweck an, zu dem Sie diese personenbezogenen Daten abrufen oder ändern.",
        en: "State in 'x-loket-purpose' the purpose for which you read or change this personal data.")
    static let noPolicy = LocalizedText(
        nl: "De methode {0} heeft geen toegangsregel en is daarom niet bereikbaar.",
        fr: "La méthode {0} n'a pas de règle d'accès et n'est donc pas accessible.",
        de: "Die Methode {0} hat keine Zugriffsregel und ist daher nicht erreichbar.",
        en: "The method {0} has no access rule and so cannot be called.")
}
