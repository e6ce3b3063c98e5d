import Glibc

/// The lock that lets one process at a time own a ledger: `flock` on `<root>/.lock`, held until closed.
///
/// The holder writes its process id into the file, so a second process can say who holds it. The kernel releases
/// the lock when the holder dies, however it dies, so a crash never leaves a stale lock behind. The file is
/// opened with `O_CLOEXEC`, so programs the holder starts do not inherit it.
final class LedgerLock {
    let path: String
    private let fileSystem: FileSystem
    private let descriptor: Int32

    /// Takes the lock of the ledger at `root`, or throws ``LedgerError/Kind/locked(root:pid:)`` at once.
    ///
    /// The corresponding C functions are `open`, `flock` (`LOCK_EX | LOCK_NB`), `ftruncate` and `pwrite`.
    init(root: String, fileSystem: FileSystem) throws(LedgerError) {
        path = Path.join(root, ".lock")
        self.fileSystem = fileSystem
        descriptor = try fileSystem.open(path, flags: O_RDWR | O_CREAT)
        guard try fileSystem.tryLock(descriptor, path: path, holder: "\(getpid())\n") else {
            defer { fileSystem.closeQuietly(descriptor) }
            throw LedgerError(.locked(root: root, pid: Self.holder(descriptor: descriptor, fileSystem: fileSystem)))
        }
    }

    deinit {
        fileSystem.closeQuietly(descriptor)
    }

    /// Whether a process holds the lock of the ledger at `root` now, told without touching the lock (a probe
    /// that took it, however briefly, could make the holder-to-be fail): the kernel's list of locks,
    /// `/proc/locks`, is searched for an exclusive `flock` on the lock file's inode. When that list cannot be
    /// read, the answer is yes: readers then take the cautious view.
    static func isHeld(root: String) -> Bool {
        var status = stat()
        guard stat(Path.join(root, ".lock"), &status) == 0 else { return false }
        guard let file = fopen("/proc/locks", "r") else { return true }
        defer { fclose(file) }
        let inode = String(status.st_ino)
        var buffer = [CChar](repeating: 0, count: 512)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF" (a waiting request starts with "->")
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", fields[3] == "WRITE",
                fields[5].split(separator: ":").last.map(String.init) == inode
            else { continue }
            return true
        }
        return false
    }

    /// The process id the holder wrote, when it has written one.
    private static func holder(descriptor: Int32, fileSystem: FileSystem) -> Int32? {
        var reader = LineReader(fileSystem: fileSystem, descriptor: descriptor, path: "", limit: 32)
        guard let line = try? reader.next() else { return nil }
        return Int32(String(decoding: line.bytes, as: UTF8.self).trimmingWhitespace)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingWhitespace: String {
        let isSpace = { (character: Character) in character.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
