import Clearance
import Ledger

/// `lixiao verify`: every journal's checksums and chain, and each snapshot against a full replay.
public enum LedgerVerifier {
    public struct Report: Sendable {
        public var batch: String
        public var isIntact: Bool
        public var summary: String
    }

    /// Verifies every batch; a journal ending before a position the archive's `processed.tsv` recorded fails too.
    public static func verify(_ session: LedgerSession) -> [Report] {
        let archived: Result<[String: (sequence: Int, file: String)], LedgerError> = Result {
            () throws(LedgerError) in try ArchivePositions.furthest(in: session.store.archive)
        }
        return session.workspace.university.batches.compactMap { batch in
            guard let ledger = session.ledgers[batch.id] else { return nil }
            let journal = ledger.journal
            switch archived {
            case .failure(let error):
                return Report(batch: batch.id, isIntact: false, summary: "cannot read the archive: \(error)")
            case .success(let furthest):
                guard let shown = furthest[batch.id], shown.sequence > journal.lastSequence else { break }
                let missing = LedgerError(
                    .recordsMissing(
                        journal: journal.path, batch: batch.id, lastSequence: journal.lastSequence,
                        shownSequence: shown.sequence, shownBy: shown.file))
                return Report(batch: batch.id, isIntact: false, summary: missing.description)
            }
            if let problem = purgeProblem(batch, ledger: ledger, session: session) {
                return Report(batch: batch.id, isIntact: false, summary: problem)
            }
            return verify(batch, ledger: ledger)
        }
    }

    /// What is wrong between a journal's purged records and the batch's `purge.tsv`: records purged in a batch
    /// never purged (someone replaced live data by commitments), or a journal that no longer holds the record
    /// the last purge ended at (its chain was recomputed after the purge).
    private static func purgeProblem(_ batch: Batch, ledger: BatchLedger, session: LedgerSession) -> String? {
        let record: BatchPurgeRecord?
        do {
            record = try BatchPurgeRecord.last(session.workspace, batch: batch, store: session.store)
        } catch {
            return "cannot read \(BatchPurgeRecord.fileName): \(error)"
        }
        var purged = 0
        var anchored = record == nil
        do {
            try ledger.journal.forEach { journalRecord in
                if journalRecord.isPurged { purged += 1 }
                if journalRecord.hash == record?.after { anchored = true }
            }
        } catch {
            return nil  // The journal's own check reports it.
        }
        if record == nil, purged > 0 {
            return "\(purged) records' payloads were replaced by commitments, but the batch was never purged "
                + "(no \(BatchPurgeRecord.fileName)): live data was removed by hand"
        }
        if !anchored, let record {
            return "the journal no longer holds the record the purge of \(record.time) ended at "
                + "(\(record.after.prefix(12))…): its chain was recomputed after the purge"
        }
        return nil
    }

    private static func verify(_ batch: Batch, ledger: BatchLedger) -> Report {
        switch ledger.journal.verify() {
        case .damaged(let sequence, let line, let reason):
            return Report(
                batch: batch.id, isIntact: false,
                summary: "journal damaged at record \(sequence) (line \(line)): \(reason)")
        case .intact(let records, let lastHash):
            do {
                let replayed = try BatchLedger.replayAll(batch: batch, journal: ledger.journal)
                guard let snapshot = try ledger.journal.readSnapshot() else {
                    return Report(
                        batch: batch.id, isIntact: true,
                        summary: "\(records) records intact (last \(lastHash.prefix(12))); no snapshot yet")
                }
                let upTo = try BatchLedger.replay(
                    batch: batch, journal: ledger.journal, through: snapshot.throughSequence)
                let fromSnapshot = try SnapshotCodec.state(from: snapshot, batch: batch)
                if let difference = firstDifference(fromSnapshot, upTo) {
                    return Report(
                        batch: batch.id, isIntact: false,
                        summary:
                            "snapshot (through record \(snapshot.throughSequence)) differs from the journal: \(difference)"
                    )
                }
                return Report(
                    batch: batch.id, isIntact: true,
                    summary: "\(records) records intact (last \(lastHash.prefix(12))); snapshot through "
                        + "record \(snapshot.throughSequence) matches; \(replayed.members.count) people")
            } catch {
                return Report(batch: batch.id, isIntact: false, summary: "cannot replay: \(error)")
            }
        }
    }

    private static func firstDifference(_ left: BatchState, _ right: BatchState) -> String? {
        let ids = Set(left.records.keys).union(right.records.keys).sorted()
        for id in ids where left[id] != right[id] {
            if left[id] == nil { return "person \(id) missing from the snapshot" }
            if right[id] == nil { return "person \(id) in the snapshot but not in the journal" }
            return "person \(id) differs"
        }
        return nil
    }
}
