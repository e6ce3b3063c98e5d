/// How one returned row's status and remark meet the ledger: the three-way comparison of DESIGN.md §3.
///
/// Each cell is compared three ways — its value when the sheet was exported, its value in the returned file,
/// and its value in the ledger now. A cell the dropper did not change is not applied; a changed cell is
/// applied unless the ledger has since moved to something else, which is a conflict. Without an export value
/// (a hand-made sheet, a CSV) a cell applies as written.
public enum ReturnMerge {
    public enum CellOutcome: Sendable, Hashable {
        /// Not in the file, or the same as at export, or already what the ledger holds.
        case unchanged
        case applied
        /// The dropper changed the cell, and so did someone else since the export: not applied.
        case conflict(ledger: String)
    }

    public struct Outcome: Sendable, Hashable {
        /// The state to journal, or `nil` when nothing is applied.
        public var newState: ItemState?
        public var status: CellOutcome
        public var remark: CellOutcome

        public var hasConflict: Bool {
            if case .conflict = status { return true }
            if case .conflict = remark { return true }
            return false
        }
    }

    /// Merges a returned status and remark (`nil` when the file has no such cell or column) with the ledger.
    ///
    /// Status and remark are one unit: when either conflicts, neither is applied (a remark explaining a 2 must
    /// not land beside the 3 someone else set since the export).
    public static func merge(exported: ItemState?, status: Status?, remark: String?, current: ItemState) -> Outcome {
        let statusOutcome = cell(
            exported: exported.map { String($0.status.rawValue) },
            returned: status.map { String($0.rawValue) }, current: String(current.status.rawValue))
        let remarkOutcome = cell(exported: exported?.remark, returned: remark, current: current.remark)
        let unchanged = Outcome(newState: nil, status: statusOutcome, remark: remarkOutcome)
        if unchanged.hasConflict { return unchanged }
        var next = current
        if statusOutcome == .applied, let status { next.status = status }
        if remarkOutcome == .applied, let remark { next.remark = remark }
        return Outcome(newState: next == current ? nil : next, status: statusOutcome, remark: remarkOutcome)
    }

    private static func cell(exported: String?, returned: String?, current: String) -> CellOutcome {
        guard let returned, returned != current else { return .unchanged }
        guard let exported else { return .applied }
        if returned == exported { return .unchanged }
        return current == exported ? .applied : .conflict(ledger: current)
    }
}

/// A range of IDs in one cell (`11120201-11120260`, `11120201~11120260`), as the seed system allowed.
public struct IDRange: Sendable, Hashable {
    public var first: PersonID
    public var last: PersonID

    /// The most IDs one range row may span (the seed system's rule).
    public static let maximumSpan = 200

    /// Parses `text` as a range of same-length numeric IDs; `nil` when it is not a range at all.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "~" || $0 == "～" || $0 == "—" })
        guard parts.count == 2 else { return nil }
        let first = parts[0].trimmingSpaces, last = parts[1].trimmingSpaces
        guard !first.isEmpty, first.allSatisfy(\.isASCIIDigit), last.allSatisfy(\.isASCIIDigit), !last.isEmpty else {
            return nil
        }
        self.first = PersonID(first)
        self.last = PersonID(last)
    }

    /// How many IDs the range spans, or `nil` when the ends differ in length or run backwards.
    public var span: Int? {
        guard first.rawValue.count == last.rawValue.count, let low = UInt64(first.rawValue),
            let high = UInt64(last.rawValue), low <= high, high - low < UInt64(Int.max)
        else { return nil }
        return Int(high - low) + 1
    }

    public func contains(_ id: PersonID) -> Bool {
        id.rawValue.count == first.rawValue.count && first <= id && id <= last
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
