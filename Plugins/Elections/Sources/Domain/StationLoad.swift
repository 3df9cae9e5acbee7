/// One line of the balance report: a station's voters against its capacity.
struct StationLoad: Sendable, Hashable {
    /// The station's id.
    var station: String
    /// Its capacity in voters.
    var capacity: Int
    /// The voters assigned to it.
    var voters: Int

    /// Voters as a percentage of capacity, rounded down; 0 for a station without capacity.
    var percentOfCapacity: Int { capacity > 0 ? voters * 100 / capacity : 0 }

    /// Whether more voters are assigned than the station can take.
    var isOverCapacity: Bool { voters > capacity }
}
