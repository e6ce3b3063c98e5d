import Clearance
import Ledger

/// One batch's state, loaded from its snapshot and journal, changed only by appending to the journal first.
final class BatchLedger {
    let batch: Batch
    let journal: Journal
    private(set) var state: BatchState
    /// Why the snapshot was not used at load, if it was not (it is rebuilt from the journal then).
    private(set) var snapshotNote: String?

    init(batch: Batch, store: LedgerStore) throws(LedgerError) {
        self.batch = batch
        journal = try store.journal(batch: batch.id)
        var state = BatchState(batch: batch)
        var from = 1
        do {
            if let snapshot = try journal.readSnapshot(), snapshot.throughSequence <= journal.lastSequence {
                state = try SnapshotCodec.state(from: snapshot, batch: batch)
                from = snapshot.throughSequence + 1
            }
        } catch {
            snapshotNote = "snapshot of \(batch.id) not used (\(error)); rebuilding from the journal"
            state = BatchState(batch: batch)
            from = 1
        }
        self.state = state
        do {
            try replay(from: from)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.io(operation: "replay", path: batch.id, errno: 0))
        }
    }

    /// Rebuilds a fresh state from the whole journal, ignoring any snapshot (for `verify`).
    static func replayAll(batch: Batch, journal: Journal) throws -> BatchState {
        var state = BatchState(batch: batch)
        try journal.forEach(from: 1) { record in
            let change = JournalCodec.change(record, batch: batch.id) { id, item in
                state[id]?.state(of: item) ?? .initial
            }
            if let change { state.apply(change) }
        }
        return state
    }

    private func replay(from sequence: Int) throws {
        try journal.forEach(from: sequence) { record in
            let change = JournalCodec.change(record, batch: batch.id) { id, item in
                self.state[id]?.state(of: item) ?? .initial
            }
            if let change { self.state.apply(change) }
        }
    }

    /// Appends the changes (with the row each came from) as one journal write, then applies them.
    func append(_ changes: [(change: Change, row: Int?)], time: String, actor: String, source: String)
        throws(LedgerError)
    {
        guard !changes.isEmpty else { return }
        let entries = changes.map {
            JournalCodec.entry($0.change, time: time, actor: actor, source: source, row: $0.row)
        }
        _ = try journal.append(entries)
        for (change, _) in changes { state.apply(change) }
    }

    /// Writes the snapshot through the journal's last record.
    func writeSnapshot(university: University) throws(LedgerError) {
        let (header, rows) = SnapshotCodec.rows(state, university: university)
        try journal.writeSnapshot(header: header, rows: rows, throughSequence: journal.lastSequence)
    }
}
