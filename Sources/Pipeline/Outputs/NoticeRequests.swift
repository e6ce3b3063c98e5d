import Clearance
import Ledger

/// The people whose departure notice is kept in the outbox, as `ledger/notices.tsv` (one 学工号 a line).
///
/// A notice is written when a person applies or staff run `lixiao notice`; from then on the regenerator keeps
/// it current, so a printed notice always shows the latest status of every item.
struct NoticeRequests {
    private let path: String
    private(set) var ids: Set<PersonID> = []

    init(ledgerRoot: String) {
        path = ledgerRoot + "/notices.tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            if let id = LedgerText.fields(line).first, !id.isEmpty { ids.insert(PersonID(id)) }
        }
    }

    /// Records `id` (atomically rewriting the list) unless it is there already.
    mutating func add(_ id: PersonID, with store: LedgerStore) throws(LedgerError) {
        guard ids.insert(id).inserted else { return }
        let text = ids.sorted().map { LedgerText.line([$0.rawValue]) }.joined()
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
