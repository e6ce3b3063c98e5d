import Clearance
import Foundation
import Ledger

/// One batch's state, loaded from its snapshot and journal, changed only by appending to the journal first.
///
/// Opening reads the journal's records after the snapshot; the state itself (decoding the snapshot, which is most
/// of the cost) is loaded by ``load()``, so a round with nothing to do never decodes it.
final class BatchLedger {
    let batch: Batch
    let journal: Journal
    private var loaded: BatchState?
    /// Whether a snapshot is there (when not, loading replays the whole journal).
    let hasSnapshot: Bool
    /// The batch's clearance progress over time and the zone its days are local to, once computed (for the
    /// leaders' workbook); every later append adds to it, so it is replayed from the journal at most once per
    /// process — or once per daemon, which keeps it between rounds.
    private(set) var progress: (value: ClearanceProgress, zone: LocalZone)?
    /// The record the snapshot on disk was saved through, when it is of this version (it says where that record
    /// ends in the journal); `nil` when it must be written.
    private var savedThrough: Int?

    /// Opens the batch's journal; the state is read by ``load()``.
    init(batch: Batch, store: LedgerStore) throws(LedgerError) {
        self.batch = batch
        journal = try store.journal(batch: batch.id)
        hasSnapshot = FileManager.default.fileExists(atPath: journal.snapshotPath)
    }

    /// The state; only after ``load()``.
    var state: BatchState {
        guard let loaded else { preconditionFailure("the state of batch \(batch.id) is read before it is loaded") }
        return loaded
    }

    var isLoaded: Bool { loaded != nil }

    /// Checks the snapshot (its checksum, and that it belongs to this journal) without decoding its rows: what
    /// opening without loading still refuses, as loading would.
    ///
    /// A snapshot `cache` kept unchanged since it was last checked is not read again.
    func checkSnapshot(cache: StateCache? = nil) throws(LedgerError) {
        guard loaded == nil, hasSnapshot else { return }
        if let entry = cachedEntry(cache), entry.snapshot != nil,
            entry.snapshot == StateCache.identity(journal.snapshotPath)
        {
            return
        }
        _ = try journal.readSnapshot(rows: { _ in false })
    }

    /// What `cache` keeps of this batch, when the journal still ends where it did then.
    private func cachedEntry(_ cache: StateCache?) -> StateCache.Entry? {
        cache?.entry(batch: batch.id, sequence: journal.lastSequence, hash: journal.lastHash)
    }

    /// Loads the state: the snapshot, then the journal's records after it. Loading again does nothing.
    ///
    /// Nothing here turns a problem into a fresh start. A journal shorter than its snapshot, a snapshot that fails
    /// its checksum or cannot be decoded, and a record that cannot be decoded are all refused (see
    /// ``JournalCodec/change(_:batch:journal:previous:)`` and ``Journal/readSnapshot()``); only a missing snapshot
    /// means "replay the whole journal".
    ///
    /// With `person`, only that person's record is loaded (their snapshot row and their journal records): what
    /// `show` needs, without decoding everyone.
    ///
    /// A state `cache` kept at the journal's present position is taken as it is (its snapshot checked again only
    /// when the file changed).
    func load(only person: PersonID? = nil, cache: StateCache? = nil) throws(LedgerError) {
        guard loaded == nil else { return }
        if person == nil, let entry = cachedEntry(cache) {
            try checkSnapshot(cache: cache)
            loaded = entry.state
            progress = entry.progress
            savedThrough = journal.snapshotIsCurrent ? journal.lastSequence : nil
            return
        }
        var state = BatchState(batch: batch)
        var from = 1
        let prefix = person.map { Array(LedgerText.line([$0.rawValue]).utf8.dropLast()) + [UInt8(ascii: "\t")] }
        let rows = prefix.map { prefix in { (line: ArraySlice<UInt8>) in line.starts(with: prefix) } }
        if let snapshot = try journal.readSnapshot(rows: rows) {
            do {
                state = try SnapshotCodec.state(from: snapshot, batch: batch)
            } catch {
                throw LedgerError(.snapshotDamaged(file: journal.snapshotPath, line: 0, reason: "\(error)"))
            }
            from = snapshot.throughSequence + 1
            if snapshot.journalOffset != nil || snapshot.throughSequence == 0 {
                savedThrough = snapshot.throughSequence
            }
        }
        loaded = state
        try replay(from: from, only: person)
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

    private func replay(from sequence: Int, only person: PersonID? = nil) throws(LedgerError) {
        let path = journal.path
        do {
            try journal.forEach(from: sequence) { record in
                if let person, record.entry.person != person.rawValue { return }
                let change = try JournalCodec.change(record, batch: batch.id, journal: path) { id, item in
                    self.loaded?[id]?.state(of: item) ?? .initial
                }
                self.loaded?.apply(change)
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
        precondition(loaded != nil, "changes appended to batch \(batch.id) before its state is loaded")
        _ = try journal.append(entries)
        for (change, _) in changes { loaded?.apply(change) }
        if progress != nil, let zone = progress?.zone, let day = zone.day(ledger: time) {
            for (change, _) in changes { progress?.value.record(change, on: day) }
        }
    }

    /// The batch's clearance progress over time, days counted in `zone` (`today` for a record whose time cannot be
    /// read): replayed from the journal the first time, then kept up to date by appends.
    func clearanceProgress(in zone: LocalZone, today: Day) throws -> ClearanceProgress {
        if let progress, progress.zone == zone { return progress.value }
        var value = ClearanceProgress()
        var replay = BatchState(batch: batch)
        let path = journal.path
        try journal.forEach(from: 1) { record in
            let change = try JournalCodec.change(record, batch: batch.id, journal: path) { id, item in
                replay[id]?.state(of: item) ?? .initial
            }
            value.record(change, on: zone.day(ledger: record.entry.time) ?? today)
            replay.apply(change)
        }
        progress = (value, zone)
        return value
    }

    /// Writes the snapshot through the journal's last record, unless the one on disk already is.
    func writeSnapshot(university: University) throws(LedgerError) {
        guard loaded != nil, savedThrough != journal.lastSequence else { return }
        let (header, rows) = SnapshotCodec.rows(state, university: university)
        try journal.writeSnapshot(header: header, rows: rows, throughSequence: journal.lastSequence)
        savedThrough = journal.lastSequence
    }
}
