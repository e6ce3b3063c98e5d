import Glibc
import Synchronization

/// A power cut, modelled as SQLite's crash VFS models one: after a chosen storage call the machine stops, and
/// whatever the program had not made durable is lost or torn.
///
/// Through ``FileSystem/losingPower(after:model:)`` every call is counted; the first `calls` happen, and every
/// later one fails (the process is gone). ``PowerLoss/restart()`` then puts the disk in the state a power cut
/// leaves: a file's content is what it held at its last `fsync` — or, in ``Mode/tearing``, that and the first
/// half of what was written after it (a torn append) — a file never synced is gone, and a rename or removal not
/// followed by an `fsync` of its folder is undone (the renamed file's earlier name comes back, a replaced file
/// returns). Writes made outside the seam (the C libraries' temporary files, the inbox's own walk) are taken as
/// they are.
public final class PowerLoss: Sendable {
    public enum Mode: Sendable {
        /// Every write after a file's last `fsync` is lost.
        case dropping
        /// A file that only grew after its last `fsync` keeps half of what it grew by.
        case tearing
    }

    private struct Entry {
        /// What a restart finds at the path: the bytes, or `nil` for no file.
        var durable: [UInt8]?
    }

    private struct Undo {
        var path: String
        var durable: [UInt8]?
    }

    private struct State {
        var calls = 0
        var paths: [Int32: String] = [:]
        var entries: [String: Entry] = [:]
        /// Per folder, the directory changes since its last `fsync`, oldest first.
        var pending: [String: [Undo]] = [:]
    }

    private let limit: Int
    private let mode: Mode
    private let state = Mutex(State())

    /// A power cut after `calls` storage calls.
    public init(after calls: Int, mode: Mode) {
        limit = calls
        self.mode = mode
    }

    /// Whether the power is off (the limit was reached): every later call failed.
    public var isOff: Bool { state.withLock { $0.calls > limit } }

    /// Counts a call; throws once the power is off.
    fileprivate func call() throws(Errno) {
        let off = state.withLock { state -> Bool in
            state.calls += 1
            return state.calls > limit
        }
        if off { throw Errno(code: EIO) }
    }

    /// Starts tracking `path`: what is on the disk now is taken as durable (it was there before the program's
    /// writes this run; the seasons' own starts are synced).
    fileprivate func track(_ path: String) {
        state.withLock { state in
            guard state.entries[path] == nil else { return }
            state.entries[path] = Entry(durable: Self.contents(path))
        }
    }

    fileprivate func opened(_ descriptor: Int32, path: String) {
        state.withLock { $0.paths[descriptor] = path }
    }

    fileprivate func closed(_ descriptor: Int32) {
        _ = state.withLock { $0.paths.removeValue(forKey: descriptor) }
    }

    /// A file's `fsync`: its content now is what a restart finds; a folder's: its renames and removals stay.
    fileprivate func synced(_ descriptor: Int32) {
        state.withLock { state in
            guard let path = state.paths[descriptor] else { return }
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                state.pending[path] = nil
            } else {
                state.entries[path] = Entry(durable: Self.contents(path))
            }
        }
    }

    /// A rename: until the folder is synced, a restart finds `destination` as it was and `source` back.
    fileprivate func renamed(_ source: String, to destination: String) {
        state.withLock { state in
            for path in [source, destination] where state.entries[path] == nil {
                state.entries[path] = Entry(durable: Self.contents(path))
            }
            let folder = Path.folder(of: destination)
            state.pending[folder, default: []].append(
                Undo(path: destination, durable: state.entries[destination]?.durable))
            state.pending[folder, default: []].append(Undo(path: source, durable: state.entries[source]?.durable))
            // Once the folder is synced, the destination holds what was synced of the source, which is gone.
            state.entries[destination] = Entry(durable: state.entries[source]?.durable)
            state.entries[source] = Entry(durable: nil)
        }
    }

    /// A removal: until the folder is synced, a restart finds the file again.
    fileprivate func removed(_ path: String) {
        state.withLock { state in
            if state.entries[path] == nil { state.entries[path] = Entry(durable: Self.contents(path)) }
            state.pending[Path.folder(of: path), default: []].append(
                Undo(path: path, durable: state.entries[path]?.durable))
            state.entries[path] = Entry(durable: nil)
        }
    }

    /// Puts every tracked path in the state a power cut leaves (see the type's summary). Call it once the
    /// program has stopped; the model is spent afterwards. Returns how many paths the cut changed.
    @discardableResult
    public func restart() -> Int {
        state.withLock { state in
            var changed = 0
            var outcome = state.entries.mapValues(\.durable)
            // Directory changes never synced are undone, newest first.
            for undos in state.pending.values {
                for undo in undos.reversed() { outcome[undo.path] = undo.durable }
            }
            for (path, durable) in outcome {
                let now = Self.contents(path)
                guard now != durable else { continue }
                changed += 1
                guard var bytes = durable else {
                    unlink(path)
                    continue
                }
                if mode == .tearing, let now, now.count > bytes.count, now.starts(with: bytes) {
                    bytes += now[bytes.count..<(bytes.count + (now.count - bytes.count) / 2)]
                }
                Self.write(bytes, to: path)
            }
            state = State()
            return changed
        }
    }

    private static func contents(_ path: String) -> [UInt8]? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                let rest = UnsafeMutableRawBufferPointer(rebasing: raw[filled...])
                return pread(descriptor, rest.baseAddress, rest.count, off_t(filled))
            }
            guard count > 0 else { break }
            filled += count
        }
        return Array(bytes.prefix(filled))
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    }
}

extension FileSystem {
    /// A file system like this one whose power goes off after `calls` storage calls (see ``PowerLoss``).
    public func losingPower(_ model: PowerLoss) -> FileSystem {
        let base = calls
        var wrapped = base
        wrapped.open = { (path, flags, mode) throws(Errno) in
            try model.call()
            model.track(path)
            let descriptor = try base.open(path, flags, mode)
            model.opened(descriptor, path: path)
            return descriptor
        }
        wrapped.close = { (descriptor) throws(Errno) in
            // Counted like every call, but the descriptor is released whatever: a dead process's are.
            let off = Result { () throws(Errno) in try model.call() }
            model.closed(descriptor)
            try base.close(descriptor)
            try off.get()
        }
        wrapped.read = { (descriptor, buffer, offset) throws(Errno) in
            try model.call()
            return try base.read(descriptor, buffer, offset)
        }
        wrapped.write = { (descriptor, bytes, offset) throws(Errno) in
            try model.call()
            return try base.write(descriptor, bytes, offset)
        }
        wrapped.truncate = { (descriptor, length) throws(Errno) in
            try model.call()
            try base.truncate(descriptor, length)
        }
        wrapped.fsync = { (descriptor) throws(Errno) in
            try model.call()
            try base.fsync(descriptor)
            model.synced(descriptor)
        }
        wrapped.rename = { (source, destination) throws(Errno) in
            try model.call()
            model.renamed(source, to: destination)
            try base.rename(source, destination)
        }
        wrapped.unlink = { (path) throws(Errno) in
            try model.call()
            model.removed(path)
            try base.unlink(path)
        }
        wrapped.makeDirectory = { (path, mode) throws(Errno) in
            try model.call()
            try base.makeDirectory(path, mode)
        }
        wrapped.lock = { (descriptor, operation) throws(Errno) in
            try model.call()
            try base.lock(descriptor, operation)
        }
        wrapped.statusOfDescriptor = { (descriptor) throws(Errno) in
            try model.call()
            return try base.statusOfDescriptor(descriptor)
        }
        wrapped.statusOfPath = { (path) throws(Errno) in
            try model.call()
            return try base.statusOfPath(path)
        }
        wrapped.listDirectory = { (path) throws(Errno) in
            try model.call()
            return try base.listDirectory(path)
        }
        return FileSystem(calls: wrapped)
    }
}
