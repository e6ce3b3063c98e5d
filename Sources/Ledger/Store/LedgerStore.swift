import Glibc

/// The root folder of a ledger (`ledger/`): owns the lock, the per-batch journals and the archive.
///
/// Creating a store creates the folder (mode 0750) and takes the lock; a second process, or a second store on
/// the same folder in this process, gets ``LedgerError/Kind/locked(root:pid:)``. The lock is held until the store
/// is released. The ledger must live on a local disk: network file systems break `flock` and `fsync`.
public final class LedgerStore {
    /// The folder, as given (without trailing slashes).
    public let root: String
    /// The content-addressed archive of processed source files, `<root>/archive`.
    public let archive: Archive
    /// The seam every call of this store goes through; the pipeline writes its outputs through it too.
    public let fileSystem: FileSystem
    private let lock: LedgerLock?
    var journals: [String: Journal] = [:]
    /// Whether the store was opened for reading: without the lock, creating and changing nothing.
    public let isReading: Bool
    /// For a store opened for reading: whether another process held the lock (a round was running) when it was
    /// opened. Its journals then end at their snapshots' records: what the last finished round left.
    public let writerWasActive: Bool

    /// Opens the ledger at `root`, creating the folder when missing, and takes its lock.
    public init(root: String, fileSystem: FileSystem = .live) throws(LedgerError) {
        self.root = Path.trimmingTrailingSlashes(root)
        self.fileSystem = fileSystem
        try fileSystem.makeFolders(self.root)
        lock = try LedgerLock(root: self.root, fileSystem: fileSystem)
        archive = Archive(folder: Path.join(self.root, Archive.folderName), fileSystem: fileSystem)
        isReading = false
        writerWasActive = false
    }

    /// Opens the ledger at `root` for reading, without its lock, so that reading never waits for a round and a
    /// round never waits for a reader.
    ///
    /// Nothing is created, cut or removed. When a process holds the lock, each journal is read only up to the
    /// record its snapshot was saved through (the state the last finished round left, never half a round);
    /// otherwise up to its last whole record (a torn tail is left for the next writer to cut).
    ///
    /// With `untilSnapshots` false, journals are read to their last whole record even while a round runs (what
    /// `verify` checks: every record written).
    public init(readingAt root: String, untilSnapshots: Bool = true, fileSystem: FileSystem = .live) {
        self.root = Path.trimmingTrailingSlashes(root)
        self.fileSystem = fileSystem
        lock = nil
        archive = Archive(folder: Path.join(self.root, Archive.folderName), fileSystem: fileSystem)
        isReading = true
        writerWasActive = LedgerLock.isHeld(root: self.root)
        readsUntilSnapshots = untilSnapshots && writerWasActive
    }

    /// Whether journals opened through this store end at their snapshots' records.
    private var readsUntilSnapshots = false

    /// Whether `batch` has a journal file (a store opened for reading reads only batches that do).
    public func hasJournal(batch: String) -> Bool {
        var status = stat()
        return Path.isPlainName(batch) && lstat(Path.join(Path.join(root, batch), "journal.tsv"), &status) == 0
    }

    /// The journal of `batch` (`<root>/<batch>/journal.tsv`), opened and recovered on first use, then cached.
    ///
    /// A missing journal is created with its header. `batch` must be a plain folder name: not empty, not hidden,
    /// no slash or control character, and not `archive`; otherwise ``LedgerError/Kind/badName(_:)``. Opening
    /// removes temporary files a crash left in the batch's folder, and may cut a torn tail (see
    /// ``Journal/recoveredTail``).
    public func journal(batch: String) throws(LedgerError) -> Journal {
        if let journal = journals[batch] { return journal }
        guard Path.isPlainName(batch), batch != Archive.folderName else { throw LedgerError(.badName(batch)) }
        let folder = Path.join(root, batch)
        if isReading {
            let journal = try Journal(
                reading: batch, folder: folder, fileSystem: fileSystem, throughSnapshot: readsUntilSnapshots)
            journals[batch] = journal
            return journal
        }
        try fileSystem.makeFolders(folder)
        for name in try fileSystem.names(in: folder) where FileSystem.isTemporaryName(name) {
            try fileSystem.removeIfPresent(Path.join(folder, name))
        }
        let journal = try Journal(batch: batch, folder: folder, fileSystem: fileSystem)
        journals[batch] = journal
        return journal
    }

    /// The batches whose folders hold a journal, sorted; a folder that cannot be read is an error, never "none".
    public var batches: [String] {
        get throws(LedgerError) {
            var batches: [String] = []
            for name in try fileSystem.names(in: root) where Path.isPlainName(name) && name != Archive.folderName {
                let folder = Path.join(root, name)
                guard try fileSystem.status(of: folder)?.kind == .directory else { continue }
                let status = try fileSystem.status(of: Path.join(folder, "journal.tsv"))
                if status?.kind == .regular { batches.append(name) }
            }
            return batches.sorted()
        }
    }

    /// The whole content of a small state file beside the journal, or `nil` only when it does not exist.
    ///
    /// Any other failure (an I/O error, a folder where the file should be) is thrown: a state file that cannot be
    /// read must never pass for an empty one. The corresponding C functions are `open` and `pread`.
    public func contentsIfPresent(_ path: String) throws(LedgerError) -> [UInt8]? {
        try fileSystem.contents(of: path)
    }

    /// Replaces the file at `path` (inside the ledger or anywhere else) so that it holds either its old content
    /// or `bytes`, never a mixture, even after a crash or a power loss.
    ///
    /// Missing folders are created with mode 0750 and the file gets mode 0640. The bytes go to a hidden
    /// temporary file in the same folder (`.lixiao-<random>.tmp`, removed on failure), which is written, flushed,
    /// renamed over `path`; then the folder is flushed. The corresponding C functions are `open`, `pwrite`,
    /// `fsync`, `rename` and `fsync` of the folder.
    public func writeAtomically(_ bytes: [UInt8], to path: String) throws(LedgerError) {
        try refuseWhenReading(path)
        try fileSystem.writeAtomically(bytes, to: path)
    }

    /// Refuses a change through a store opened for reading.
    func refuseWhenReading(_ path: String) throws(LedgerError) {
        guard isReading else { return }
        throw LedgerError(.badRequest("\(path) cannot be changed: the ledger was opened for reading only"))
    }
}
