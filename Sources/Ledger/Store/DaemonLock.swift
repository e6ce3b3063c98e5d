import Clearance
public import Foundation
import Glibc

/// The lock that lets one `lixiao watch` at a time run on a root: `flock` on `<ledger>/watch.pid`, held for the
/// daemon's whole life.
///
/// It is separate from the ledger's lock, which the daemon takes only during a round. The holder writes its
/// process id and start time (UTC) into the file, so a second daemon can say who runs. The kernel releases the
/// lock when the holder dies, however it dies (`kill -9` included), so a stale file never prevents a start. The
/// file is opened with `O_CLOEXEC`, so programs the holder starts do not inherit it.
public final class DaemonLock {
    /// Who holds the lock, as the holder wrote it.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32?
        /// The holder's start time as `LocalZone.ledgerText(_:)` wrote it, when readable.
        public var since: String?
    }

    /// The lock file's name in the ledger folder.
    public static let fileName = "watch.pid"

    public let path: String
    private let fileSystem: FileSystem
    private let descriptor: Int32

    private init(path: String, fileSystem: FileSystem, descriptor: Int32) {
        self.path = path
        self.fileSystem = fileSystem
        self.descriptor = descriptor
    }

    deinit {
        fileSystem.closeQuietly(descriptor)
    }

    /// Takes the lock in the ledger folder `root` (which must exist), or returns who holds it.
    ///
    /// The corresponding C functions are `open`, `flock` (`LOCK_EX | LOCK_NB`), `ftruncate` and `pwrite`.
    public static func take(
        root: String, now: Date = Date(), fileSystem: FileSystem = .live
    ) throws(LedgerError) -> Result<DaemonLock, HeldElsewhere> {
        let path = Path.join(Path.trimmingTrailingSlashes(root), fileName)
        let descriptor = try fileSystem.open(path, flags: O_RDWR | O_CREAT)
        guard try fileSystem.tryLock(descriptor, path: path, holder: "\(getpid())\t\(LocalZone.ledgerText(now))\n")
        else {
            defer { fileSystem.closeQuietly(descriptor) }
            return .failure(HeldElsewhere(holder: holder(descriptor: descriptor, fileSystem: fileSystem)))
        }
        return .success(DaemonLock(path: path, fileSystem: fileSystem, descriptor: descriptor))
    }

    /// The lock is held by another process.
    public struct HeldElsewhere: Error, Sendable, Equatable {
        public var holder: Holder
    }

    /// The process id and start time the holder wrote, when it has written them.
    private static func holder(descriptor: Int32, fileSystem: FileSystem) -> Holder {
        var reader = LineReader(fileSystem: fileSystem, descriptor: descriptor, path: "", limit: 128)
        guard let line = try? reader.next() else { return Holder() }
        let fields = String(decoding: line.bytes, as: UTF8.self).split(separator: "\t")
        return Holder(
            pid: fields.first.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
            since: fields.count > 1 ? fields[1].trimmingCharacters(in: .whitespacesAndNewlines) : nil)
    }
}
