import Glibc

/// The append-only journal of one batch: `ledger/<batch>/journal.tsv`.
///
/// Opening it checks every record and cuts off a torn tail (see ``recoveredTail``); appending writes all entries
/// of a call with one write loop and one `fsync`, and undoes a failed append, so the file only ever holds whole,
/// chained records. A journal is used from one thread at a time; its ``LedgerStore`` holds the lock that keeps
/// other processes out.
public final class Journal {
    /// The batch's name, which is also its folder's.
    public let batch: String
    /// The last record's sequence number; 0 when the journal is empty.
    public private(set) var lastSequence: Int
    /// The last record's hash; 64 zeros when the journal is empty.
    public private(set) var lastHash: String
    /// What opening cut off the end of the file (the remains of an interrupted append), for the caller to log.
    public private(set) var recoveredTail: TornTail?

    /// The path of `journal.tsv`.
    public let path: String
    let folder: String
    let fileSystem: FileSystem
    let descriptor: Int32
    /// The length of the file up to the end of the last record.
    private(set) var length: Int
    /// Set when a failed append could not be undone: the file's end is unknown, so nothing more may be appended.
    private var unrecoverable: LedgerError?

    /// Opens (creating when missing) the journal in `folder`, recovering it as the type's summary describes.
    ///
    /// A journal shorter than the snapshot beside it shows (cut at a record boundary, or missing) lost records:
    /// that is refused with ``LedgerError/Kind/recordsMissing(journal:batch:lastSequence:shownSequence:shownBy:)``
    /// before anything is created, unless the snapshot fails its checksum, which is
    /// ``LedgerError/Kind/snapshotDamaged(file:line:reason:)``.
    init(batch: String, folder: String, fileSystem: FileSystem) throws(LedgerError) {
        self.batch = batch
        self.folder = folder
        self.fileSystem = fileSystem
        path = Path.join(folder, "journal.tsv")
        let snapshot = Path.join(folder, "snapshot.tsv")
        let committed = Self.snapshotThrough(snapshot)
        if try fileSystem.status(of: path) == nil {
            try Self.refuseShort(
                path: path, batch: batch, lastSequence: 0, committedThrough: committed, snapshot: snapshot,
                fileSystem: fileSystem)
            try fileSystem.writeAtomically(JournalLine.header + [TSV.newline], to: path)
        }
        descriptor = try fileSystem.open(path, flags: O_RDWR)
        do {
            let recovered = try Self.recover(
                descriptor: descriptor, path: path, fileSystem: fileSystem, committedThrough: committed)
            try Self.refuseShort(
                path: path, batch: batch, lastSequence: recovered.lastSequence, committedThrough: committed,
                snapshot: snapshot, fileSystem: fileSystem)
            length = recovered.end
            lastSequence = recovered.lastSequence
            lastHash = recovered.lastHash
            recoveredTail = recovered.tail
        } catch {
            fileSystem.closeQuietly(descriptor)
            throw error
        }
    }

    deinit {
        fileSystem.closeQuietly(descriptor)
    }

    /// Appends `entries` as records `lastSequence + 1…`, durably, all or nothing.
    ///
    /// The records are built into one buffer, written with one `pwrite` loop at the end of the last record and
    /// flushed with one `fsync`; only then does it return. On any failure (`ENOSPC`, `EFBIG`, `EIO`…) the file is
    /// truncated back to its previous length and flushed (`ftruncate`, `fsync`), and the error is thrown: the
    /// journal is exactly as it was. Should that undoing fail too, the error is thrown now and on every later
    /// append; open the ledger again to recover. Appending no entries does nothing.
    @discardableResult
    public func append(_ entries: [JournalEntry]) throws(LedgerError) -> [JournalRecord] {
        if let unrecoverable { throw unrecoverable }
        guard !entries.isEmpty else { return [] }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(entries.count * 256)
        var records: [JournalRecord] = []
        records.reserveCapacity(entries.count)
        var previous = lastHash
        for (offset, entry) in entries.enumerated() {
            let sequence = lastSequence + offset + 1
            let hash = JournalLine.append(entry, sequence: sequence, previousHash: previous, to: &buffer)
            records.append(JournalRecord(sequence: sequence, entry: entry, previousHash: previous, hash: hash))
            previous = hash
        }
        do {
            try fileSystem.writeAll(buffer, to: descriptor, at: length, path: path)
            try fileSystem.sync(descriptor, path: path)
        } catch {
            do {
                try fileSystem.truncate(descriptor, to: length, path: path)
                try fileSystem.sync(descriptor, path: path)
            } catch let undoing {
                unrecoverable = LedgerError(
                    .badRequest(
                        "\(error); undoing the partial append failed as well (\(undoing)), so \(path) may end "
                            + "with a torn record: stop, free space or fix the disk, and open the ledger again"))
            }
            throw error
        }
        length += buffer.count
        lastSequence += entries.count
        lastHash = previous
        return records
    }
}
