/// Which holiday a day off is: a national public holiday, a regional or community holiday, or a local closing day.
///
/// The raw value is a stable key (`easter_monday`) for storage, APIs and message catalogues.
public enum HolidayKind: String, Sendable, Hashable, CaseIterable {
    // The ten national public holidays (Royal Decree of 18 April 1974).
    case newYear = "new_year"
    case easterMonday = "easter_monday"
    case labourDay = "labour_day"
    case ascension = "ascension"
    case whitMonday = "whit_monday"
    case nationalDay = "national_day"
    case assumption = "assumption"
    case allSaints = "all_saints"
    case armistice = "armistice"
    case christmas = "christmas"
    // Regional and community holidays, observed by the administrations of that region or community.
    case flemishCommunityDay = "flemish_community_day"
    case frenchCommunityDay = "french_community_day"
    case germanSpeakingCommunityDay = "german_speaking_community_day"
    case irisDay = "iris_day"
    /// A day the administration itself is closed (bridge days, 2 November, 26 December, a city fair).
    case closingDay = "closing_day"

    /// The stable key, the same as the raw value.
    public var key: String { rawValue }

    /// Whether the day is one of the ten national public holidays.
    public var isNational: Bool {
        switch self {
        case .newYear, .easterMonday, .labourDay, .ascension, .whitMonday, .nationalDay, .assumption, .allSaints,
            .armistice, .christmas:
            true
        case .flemishCommunityDay, .frenchCommunityDay, .germanSpeakingCommunityDay, .irisDay, .closingDay:
            false
        }
    }

    /// The position in the declaration, which follows the usual calendar order: the tie-break for shared days.
    var listingOrder: Int {
        HolidayKind.allCases.firstIndex(of: self) ?? 0
    }

    /// The holiday's name in Dutch, French, German and English.
    public var names: HolidayNames {
        switch self {
        case .newYear: HolidayNames(dutch: "Nieuwjaar", french: "Jour de l'An", german: "Neujahr", english: "New Year's Day")
        case .easterMonday:
            HolidayNames(dutch: "Paasmaandag", french: "Lundi de Pâques", german: "Ostermontag", english: "Easter Monday")
        case .labourDay:
            HolidayNames(dutch: "Dag van de Arbeid", french: "Fête du Travail", german: "Tag der Arbeit", english: "Labour Day")
        case .ascension:
            HolidayNames(
                dutch: "Onze-Lieve-Heer-Hemelvaart", french: "Ascension", german: "Christi Himmelfahrt",
                english: "Ascension Day")
        case .whitMonday:
            HolidayNames(
                dutch: "Pinkstermaandag", french: "Lundi de Pentecôte", german: "Pfingstmontag", english: "Whit Monday")
        case .nationalDay:
            HolidayNames(
                dutch: "Nationale feestdag", french: "Fête nationale", german: "Nationalfeiertag",
                english: "Belgian National Day")
        case .assumption:
            HolidayNames(
                dutch: "Onze-Lieve-Vrouw-Hemelvaart", french: "Assomption", german: "Mariä Himmelfahrt",
                english: "Assumption Day")
        case .allSaints:
            HolidayNames(dutch: "Allerheiligen", french: "Toussaint", german: "Allerheiligen", english: "All Saints' Day")
        case .armistice:
            HolidayNames(dutch: "Wapenstilstand", french: "Armistice", german: "Waffenstillstand", english: "Armistice Day")
        case .christmas: HolidayNames(dutch: "Kerstmis", french: "Noël", german: "Weihnachten", english: "Christmas Day")
        case .flemishCommunityDay:
            HolidayNames(
                dutch: "Feestdag van de Vlaamse Gemeenschap", french: "Fête de la Communauté flamande",
                german: "Feiertag der Flämischen Gemeinschaft", english: "Day of the Flemish Community")
        case .frenchCommunityDay:
            HolidayNames(
                dutch: "Feestdag van de Franse Gemeenschap", french: "Fête de la Fédération Wallonie-Bruxelles",
                german: "Feiertag der Französischen Gemeinschaft", english: "Day of the French Community")
        case .germanSpeakingCommunityDay:
            HolidayNames(
                dutch: "Feestdag van de Duitstalige Gemeenschap", french: "Fête de la Communauté germanophone",
                german: "Tag der Deutschsprachigen Gemeinschaft", english: "Day of the German-speaking Community")
        case .irisDay:
            HolidayNames(
                dutch: "Irisfeest", french: "Fête de l'Iris", german: "Irisfest", english: "Iris Day (Brussels-Capital Region)")
        case .closingDay:
            HolidayNames(dutch: "Sluitingsdag", french: "Jour de fermeture", german: "Schließtag", english: "Closing day")
        }
    }
}
