import Clearance
import Ledger

/// The people whose departure notice is kept in the outbox, as `ledger/notices.tsv` (one 学工号 a line).
///
/// A notice is written when a person applies or staff run `lixiao notice`; from then on the regenerator keeps
/// it current, so a printed notice always shows the latest status of every item.
struct NoticeRequests {
    private let path: String
    private(set) var ids: Set<PersonID> = []

    /// Reads the list; a missing file is an empty list, but one that cannot be read or decoded is an error, never
    /// an empty list (the regenerator would then delete every kept notice).
    init(ledgerRoot: String, store: LedgerStore) throws(LedgerError) {
        path = ledgerRoot + "/notices.tsv"
        for (number, fields) in try StateFile.lines(path, store: store) {
            guard fields.count == 1, let id = fields.first, !id.isEmpty else {
                throw LedgerError(.stateDamaged(file: path, line: number, reason: "a line is not one 学工号"))
            }
            ids.insert(PersonID(id))
        }
    }

    /// Removes `ids` (a purged batch's people), rewriting the list when any was on it.
    mutating func remove(_ ids: Set<PersonID>, with store: LedgerStore) throws(LedgerError) {
        let before = self.ids.count
        self.ids.subtract(ids)
        guard self.ids.count != before else { return }
        let text = self.ids.sorted().map { LedgerText.line([$0.rawValue]) }.joined()
        try store.writeAtomically(Array(text.utf8), to: path)
    }

    /// Records `id` (atomically rewriting the list) unless it is there already.
    mutating func add(_ id: PersonID, with store: LedgerStore) throws(LedgerError) {
        guard ids.insert(id).inserted else { return }
        let text = ids.sorted().map { LedgerText.line([$0.rawValue]) }.joined()
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
