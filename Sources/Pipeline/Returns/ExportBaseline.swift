import Clearance
import Ledger

/// Every person's value of one item at an origin's ledger position: the baseline of the rows of a returned
/// file that its origin does not list (range rows, hand-added rows), DESIGN.md §3.
///
/// A status record of the journal sets the item's status and remark, so the value at position N is the last
/// such record at or before N, or the initial state. It is read once per file, in one pass that stops at N: the
/// journal keeps each change's new remark but not the old one, so the value at N cannot be recovered from the
/// records after N alone. The current value is the ledger's state in memory; together they give the same
/// three-way merge (export, file, ledger now) as a listed row.
struct ExportBaseline {
    private var states: [PersonID: ItemState] = [:]

    /// Replays `journal`'s status records of `item` through `sequence`.
    init(journal: Journal, item: ItemID, through sequence: Int) throws {
        var states: [PersonID: ItemState] = [:]
        do {
            try journal.forEach(from: 1) { record in
                guard record.sequence <= sequence else { throw PastPosition() }
                let entry = record.entry
                guard entry.kind == "status", entry.field == item.rawValue, let code = Int(entry.newValue),
                    let status = Status(rawValue: code)
                else { return }
                states[PersonID(entry.person)] = ItemState(status: status, remark: entry.remark)
            }
        } catch is PastPosition {}
        self.states = states
    }

    /// `id`'s value at the position (the initial state when no record set it).
    func state(of id: PersonID) -> ItemState {
        states[id] ?? .initial
    }

    /// Thrown by the replay to stop at the position.
    private struct PastPosition: Error {}
}
