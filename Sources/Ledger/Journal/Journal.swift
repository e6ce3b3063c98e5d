import Glibc

/// The append-only journal of one batch: `ledger/<batch>/journal.tsv`.
///
/// Opening it checks the records after the snapshot's (every record when the snapshot does not say where its record
/// ends, or that record is not there as it says) and cuts off a torn tail (see ``recoveredTail``); ``verify()``
/// checks them all. Appending writes all entries
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
    /// The format records are appended in: the header's (journals of an earlier version stay in format 1).
    private(set) var format: JournalLine.Format = .two
    /// Whether the journal was written by an earlier version (format 1): it is sealed again when purged.
    public var isFirstFormat: Bool { format == .one }
    /// The length of the file up to the end of the last record.
    private(set) var length: Int
    /// Whether the journal was opened for reading only: appending and saving snapshots are refused.
    let isReading: Bool
    /// Where the snapshot beside the journal said its record ends, as read when the journal was opened.
    let snapshotAnchor: Anchor?
    /// Set when a failed append could not be undone: the file's end is unknown, so nothing more may be appended.
    private var unrecoverable: LedgerError?
    /// Known good records, ascending by sequence, from which reading can start without walking the file from its
    /// start: the header (sequence 0), the record the snapshot was saved through, every 1,024th record read, and
    /// the end of each append.
    private(set) var checkpoints: [Checkpoint]

    /// A record known to be good: its sequence, hash, and the file offset just past it.
    struct Checkpoint: Sendable, Equatable {
        var sequence: Int
        var end: Int
        var hash: String

        /// Before the first record: the start of the file, whose header is checked when read from here.
        static let start = Checkpoint(sequence: 0, end: 0, hash: JournalLine.zeroHash)
        /// How far apart the checkpoints of a walk through the file are.
        static let spacing = 1024
    }

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
        isReading = false
        path = Path.join(folder, "journal.tsv")
        let snapshot = Path.join(folder, "snapshot.tsv")
        let anchor = Self.snapshotAnchor(snapshot)
        snapshotAnchor = anchor
        let committed = anchor?.sequence
        if try fileSystem.status(of: path) == nil {
            try Self.refuseShort(
                path: path, batch: batch, lastSequence: 0, committedThrough: committed, snapshot: snapshot,
                fileSystem: fileSystem)
            try fileSystem.writeAtomically(JournalLine.header + [TSV.newline], to: path)
        }
        descriptor = try fileSystem.open(path, flags: O_RDWR)
        do {
            let recovered = try Self.recover(
                descriptor: descriptor, path: path, fileSystem: fileSystem, anchor: anchor)
            try Self.refuseShort(
                path: path, batch: batch, lastSequence: recovered.lastSequence, committedThrough: committed,
                snapshot: snapshot, fileSystem: fileSystem)
            length = recovered.end
            lastSequence = recovered.lastSequence
            lastHash = recovered.lastHash
            recoveredTail = recovered.tail
            checkpoints = recovered.checkpoints
            format = try Self.format(descriptor: descriptor, path: path, fileSystem: fileSystem)
        } catch {
            fileSystem.closeQuietly(descriptor)
            throw error
        }
    }

    /// Opens the journal in `folder` for reading only (see ``LedgerStore/init(readingAt:fileSystem:)``): nothing
    /// is created or cut. With `throughSnapshot`, the journal ends at the record its snapshot was saved through
    /// (when the snapshot says where that record ends and it is there); otherwise at its last whole record.
    /// Damage before the end is refused as when opening for writing; a missing journal is refused as missing.
    init(reading batch: String, folder: String, fileSystem: FileSystem, throughSnapshot: Bool) throws(LedgerError) {
        self.batch = batch
        self.folder = folder
        self.fileSystem = fileSystem
        isReading = true
        path = Path.join(folder, "journal.tsv")
        let anchor = Self.snapshotAnchor(Path.join(folder, "snapshot.tsv"))
        snapshotAnchor = anchor
        descriptor = try fileSystem.open(path, flags: O_RDONLY)
        do {
            let recovered = try Self.recover(
                descriptor: descriptor, path: path, fileSystem: fileSystem, anchor: anchor,
                reading: throughSnapshot ? .throughAnchor : .toTheEnd)
            length = recovered.end
            lastSequence = recovered.lastSequence
            lastHash = recovered.lastHash
            checkpoints = recovered.checkpoints
            format = try Self.format(descriptor: descriptor, path: path, fileSystem: fileSystem)
        } catch {
            fileSystem.closeQuietly(descriptor)
            throw error
        }
    }

    /// The format the journal's header names (recovery has checked it is one of the two).
    static func format(descriptor: Int32, path: String, fileSystem: FileSystem) throws(LedgerError)
        -> JournalLine.Format
    {
        let one = JournalLine.Format.one.header
        var bytes = [UInt8](repeating: 0, count: one.count + 1)
        let result = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(LedgerError) in try fileSystem.read(descriptor, into: raw, at: 0, path: path) }
        }
        let count = try result.get()
        return count == bytes.count && Array(bytes) == one + [TSV.newline] ? .one : .two
    }

    deinit {
        fileSystem.closeQuietly(descriptor)
    }

    /// Whether the snapshot beside the journal, as it was when the journal was opened, is saved through the last
    /// record and says where that record ends (so it need not be written again).
    public var snapshotIsCurrent: Bool {
        guard let anchor = snapshotAnchor else { return false }
        return anchor.sequence == lastSequence && (anchor.end != nil || lastSequence == 0)
    }

    /// Adds a checkpoint after the last one (earlier or equal ones are already known).
    func remember(_ checkpoint: Checkpoint) {
        guard let last = checkpoints.last, checkpoint.sequence > last.sequence else { return }
        checkpoints.append(checkpoint)
    }

    /// The last checkpoint at or before record `sequence`.
    func checkpoint(atOrBefore sequence: Int) -> Checkpoint {
        var low = 0
        var high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle].sequence <= sequence { low = middle } else { high = middle - 1 }
        }
        return checkpoints[low]
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
        guard !isReading else {
            throw LedgerError(.badRequest("\(path) cannot be appended to: it was opened for reading only"))
        }
        guard !entries.isEmpty else { return [] }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(entries.count * 256)
        var records: [JournalRecord] = []
        records.reserveCapacity(entries.count)
        var previous = lastHash
        for (offset, entry) in entries.enumerated() {
            let sequence = lastSequence + offset + 1
            let hash = JournalLine.append(
                entry, sequence: sequence, previousHash: previous, format: format, to: &buffer)
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
        remember(Checkpoint(sequence: lastSequence, end: length, hash: lastHash))
        return records
    }
}
