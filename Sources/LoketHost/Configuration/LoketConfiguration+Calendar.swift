import LoketCalendar

extension LoketConfiguration.Calendar {
    /// The working-day calendar these settings describe; call after validation, which rejects what cannot be
    /// read (the national calendar is the fallback).
    public var workingDayCalendar: WorkingDayCalendar {
        (try? WorkingDayCalendar(regionList: regions, closingDayList: closingDays)) ?? WorkingDayCalendar()
    }
}
