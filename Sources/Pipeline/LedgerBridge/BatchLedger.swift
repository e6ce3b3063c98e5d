import Clearance
import Ledger

/// One batch's state, loaded from its snapshot and journal, changed only by appending to the journal first.
final class BatchLedger {
    let batch: Batch
    let journal: Journal
    private(set) var state: BatchState
    /// Whether a snapshot was found (when not, the state was replayed from the whole journal).
    let loadedFromSnapshot: Bool

    /// Loads the batch: its snapshot, then the journal's records after it.
    ///
    /// Nothing here turns a problem into a fresh start. A journal shorter than its snapshot, a snapshot that fails
    /// its checksum or cannot be decoded, and a record that cannot be decoded are all refused (see
    /// ``JournalCodec/change(_:batch:journal:previous:)`` and ``Journal/readSnapshot()``); only a missing snapshot
    /// means "replay the whole journal".
    init(batch: Batch, store: LedgerStore) throws(LedgerError) {
        self.batch = batch
        journal = try store.journal(batch: batch.id)
        var state = BatchState(batch: batch)
        var from = 1
        let snapshot = try journal.readSnapshot()
        loadedFromSnapshot = snapshot != nil
        if let snapshot {
            do {
                state = try SnapshotCodec.state(from: snapshot, batch: batch)
            } catch {
                throw LedgerError(.snapshotDamaged(file: journal.snapshotPath, line: 0, reason: "\(error)"))
            }
            from = snapshot.throughSequence + 1
        }
        self.state = state
        try replay(from: from)
    }

    /// Rebuilds a fresh state from the whole journal, ignoring any snapshot (for `verify`).
    static func replayAll(batch: Batch, journal: Journal) throws -> BatchState {
        try replay(batch: batch, journal: journal, through: journal.lastSequence)
    }

    /// The state after record `last`, replayed from the journal's start.
    static func replay(batch: Batch, journal: Journal, through last: Int) throws -> BatchState {
        var state = BatchState(batch: batch)
        let path = journal.path
        try journal.forEach(from: 1) { record in
            guard record.sequence <= last else { return }
            let change = try JournalCodec.change(record, batch: batch.id, journal: path) { id, item in
                state[id]?.state(of: item) ?? .initial
            }
            state.apply(change)
        }
        return state
    }

    private func replay(from sequence: Int) throws(LedgerError) {
        let path = journal.path
        do {
            try journal.forEach(from: sequence) { record in
                let change = try JournalCodec.change(record, batch: batch.id, journal: path) { id, item in
                    self.state[id]?.state(of: item) ?? .initial
                }
                self.state.apply(change)
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.badRequest("replaying the journal \(path) failed: \(error)"))
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
