/// The university as a pipeline file defines it: levels, batches, colleges and clearance items.
///
/// Pure values: decoding and validation of the file live in the Pipeline module; everything here is checked
/// already, so lookups can trust ids and names to be unique.
public struct University: Sendable, Hashable {
    public var name: String
    /// Levels of study (培养层次), such as 本科, 硕士, 博士.
    public var levels: [String]
    public var batches: [Batch]
    public var colleges: [College]
    public var items: [Item]

    public init(name: String, levels: [String], batches: [Batch], colleges: [College], items: [Item]) {
        self.name = name
        self.levels = levels
        self.batches = batches
        self.colleges = colleges
        self.items = items
    }

    /// The batch whose id or display name is `text` (registries carry the display name, 2027届夏季毕业).
    public func batch(named text: String) -> Batch? {
        batches.first { $0.id == text || $0.name == text }
    }

    /// The college whose display name or id is `text`.
    public func college(named text: String) -> College? {
        colleges.first { $0.name == text || $0.id == text }
    }

    public func item(_ id: ItemID) -> Item? {
        items.first { $0.id == id }
    }

    /// The items that apply to `person`, in pipeline order.
    public func applicableItems(for person: Person) -> [Item] {
        items.filter { $0.applies(to: person) }
    }
}

/// A departure batch (离校批次): people in one batch are cleared independently of every other batch.
public struct Batch: Sendable, Hashable, Identifiable {
    /// Stable id, also the ledger folder name (`2027-summer`).
    public var id: String
    /// Display name staff use, also the outbox folder name (`2027届夏季毕业`).
    public var name: String
    /// The last day clearance should be complete.
    public var deadline: Day

    public init(id: String, name: String, deadline: Day) {
        self.id = id
        self.name = name
        self.deadline = deadline
    }
}

/// A college (学院).
public struct College: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// The folder name under `inbox/colleges/` and `outbox/colleges/` (defaults to the display name).
    public var folder: String

    public init(id: String, name: String, folder: String? = nil) {
        self.id = id
        self.name = name
        self.folder = folder ?? name
    }
}

/// A calendar day without a time or zone, as deadlines are written.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: Day) -> Int {
        other.ordinal - ordinal
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil-date algorithm).
    var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    public var description: String {
        let month = self.month < 10 ? "0\(self.month)" : "\(self.month)"
        let day = self.day < 10 ? "0\(self.day)" : "\(self.day)"
        return "\(year)-\(month)-\(day)"
    }
}

extension Day {
    /// The day `days` after (or before, when negative) `day`.
    public init(ordinalFrom day: Day, adding days: Int) {
        let z = day.ordinal + days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(
            year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: dayOfYear - (153 * mp + 2) / 5 + 1)
    }
}
