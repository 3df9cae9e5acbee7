/// The date of Easter, on which four Belgian public holidays depend.
public enum Easter {
    /// Easter Sunday of a year (Western churches, Gregorian calendar).
    ///
    /// Uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher), which reproduces the tables of the 1582
    /// reform: the Paschal full moon from the Metonic cycle with the solar and lunar corrections, then the next
    /// Sunday. The Gregorian rules hold from 1583 to 9999; for earlier years this is the proleptic Gregorian
    /// Easter, not the Julian one that was observed then.
    public static func sunday(in year: Int) -> Day {
        precondition(Day.years.contains(year), "Easter is computed for the years 1...9999, not \(year)")
        let golden = year % 19  // position in the 19-year Metonic cycle
        let century = year / 100
        let yearOfCentury = year % 100
        let skippedLeapDays = century / 4
        let centuryRest = century % 4
        let lunarCorrection = (century + 8) / 25
        let moonCorrection = (century - lunarCorrection + 1) / 3
        // Days from 21 March to the Paschal full moon (0...29), before the rare 28/29 corrections below.
        let epact = (19 * golden + century - skippedLeapDays - moonCorrection + 15) % 30
        let leapInCentury = yearOfCentury / 4
        let yearRest = yearOfCentury % 4
        // Days from the full moon to the following Sunday.
        let toSunday = (32 + 2 * centuryRest + 2 * leapInCentury - epact - yearRest) % 7
        let correction = (golden + 11 * epact + 22 * toSunday) / 451
        let month = (epact + toSunday - 7 * correction + 114) / 31
        let day = (epact + toSunday - 7 * correction + 114) % 31 + 1
        return Day(uncheckedYear: year, month: month, day: day)
    }
}
