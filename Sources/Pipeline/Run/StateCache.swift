import Clearance
import Glibc

/// The batches' states a daemon keeps between rounds, so that a small return costs only itself.
///
/// Each state is kept with the journal position it reflects (last record's sequence and hash). The next round
/// opens the ledger afresh — taking the lock, opening each journal — and uses a kept state only when its journal
/// still ends at that position: whatever another process (`lixiao run`, a restore from backup) did to the ledger
/// in between moves the position, and that batch is read from disk again. A kept snapshot is checked again only
/// when its file changed.
public final class StateCache {
    struct Entry {
        var sequence: Int
        var hash: String
        var state: BatchState
        var progress: (value: ClearanceProgress, zone: LocalZone)?
        /// The snapshot file as it was when last written or checked (inode, size, modification time).
        var snapshot: String?
    }

    private var entries: [String: Entry] = [:]

    public init() {}

    /// The kept state of `batch` when its journal still ends where it did.
    func entry(batch: String, sequence: Int, hash: String) -> Entry? {
        guard let entry = entries[batch], entry.sequence == sequence, entry.hash == hash else { return nil }
        return entry
    }

    /// Keeps the state of every batch the session loaded.
    public func remember(_ session: LedgerSession) {
        for (id, ledger) in session.ledgers where ledger.isLoaded {
            entries[id] = Entry(
                sequence: ledger.journal.lastSequence, hash: ledger.journal.lastHash, state: ledger.state,
                progress: ledger.progress, snapshot: Self.identity(ledger.journal.snapshotPath))
        }
    }

    /// Forgets every kept state (after an error, or when the pipeline is reloaded).
    public func clear() { entries = [:] }

    /// A file's inode, size and modification time; `nil` when it is not there.
    static func identity(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return "\(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }
}
