/// Clearance progress over time, computed from the journal's changes in order: how many item clearances
/// happened each day, and how long each item took to clear from the day a person was added.
public struct ClearanceProgress: Sendable, Hashable {
    /// Clearances (an item moving from 1 to 2 or 3) per day, per item.
    public private(set) var clearedPerDay: [Day: [ItemID: Int]] = [:]
    /// Days from a person's addition to each clearance, per item.
    public private(set) var daysToClear: [ItemID: [Int]] = [:]
    private var addedOn: [PersonID: Day] = [:]

    public init() {}

    /// Feeds one journalled change that happened on `day` (local date).
    public mutating func record(_ change: Change, on day: Day) {
        switch change {
        case .added(let person):
            if addedOn[person.id] == nil { addedOn[person.id] = day }
        case .statusSet(let id, let item, let old, let new):
            guard !old.status.isCleared, new.status.isCleared else { return }
            clearedPerDay[day, default: [:]][item, default: 0] += 1
            if let start = addedOn[id] { daysToClear[item, default: []].append(max(0, start.days(until: day))) }
        case .profileChanged, .issued, .moved, .withdrawn, .restored:
            break
        }
    }

    /// The days with any clearance, in order.
    public var days: [Day] { clearedPerDay.keys.sorted() }

    /// The median number of days an item took to clear, or `nil` when it never cleared anyone.
    public func medianDaysToClear(_ item: ItemID) -> Double? {
        guard let values = daysToClear[item]?.sorted(), !values.isEmpty else { return nil }
        let middle = values.count / 2
        return values.count % 2 == 1 ? Double(values[middle]) : Double(values[middle - 1] + values[middle]) / 2
    }

    /// The mean number of days an item took to clear, or `nil` when it never cleared anyone.
    public func meanDaysToClear(_ item: ItemID) -> Double? {
        guard let values = daysToClear[item], !values.isEmpty else { return nil }
        return Double(values.reduce(0, +)) / Double(values.count)
    }
}
