import Clearance
import Ledger

/// Every change of one item in one batch's journal: each person's value at any ledger position, and who set
/// the value they have now (DESIGN.md §3).
///
/// A returned row's baseline is the value at its export's position: from the hidden origin sheet when the
/// workbook kept it, otherwise — a CSV, a copy, hand-added rows, range rows — from here. A status record of the
/// journal sets the item's status and remark, so the value at position N is the last such record at or before
/// N, or the initial state; the journal keeps each change's new remark but not the old one, so the value at N
/// cannot be recovered from the records after N alone. The current value is the ledger's state in memory;
/// together they give the three-way merge (export, file, ledger now). The last change names the file, folder
/// and time a conflict or an overwrite is reported against. Read once per returned file, when first needed.
struct ItemHistory {
    /// One status record of the item.
    struct Change {
        var sequence: Int
        var state: ItemState
        /// When it was journalled, as the ledger stores time.
        var time: String
        /// The inbox folder it came from, relative to `inbox/`.
        var actor: String
        /// The SHA-256 of the file that carried it.
        var source: String
    }

    private var changes: [PersonID: [Change]] = [:]

    /// Reads `journal`'s status records of `item`.
    init(journal: Journal, item: ItemID) throws {
        var changes: [PersonID: [Change]] = [:]
        try journal.forEach(from: 1) { record in
            let entry = record.entry
            guard entry.kind == "status", entry.field == item.rawValue, let code = Int(entry.newValue),
                let status = Status(rawValue: code)
            else { return }
            changes[PersonID(entry.person), default: []].append(
                Change(
                    sequence: record.sequence, state: ItemState(status: status, remark: entry.remark),
                    time: entry.time, actor: entry.actor, source: entry.source))
        }
        self.changes = changes
    }

    /// `id`'s value at position `sequence` (the initial state when no record at or before it set one).
    func state(of id: PersonID, at sequence: Int) -> ItemState {
        changes[id]?.last { $0.sequence <= sequence }?.state ?? .initial
    }

    /// The change that set `id`'s current value, or `nil` when it is still the initial state.
    func lastChange(of id: PersonID) -> Change? {
        changes[id]?.last
    }
}
