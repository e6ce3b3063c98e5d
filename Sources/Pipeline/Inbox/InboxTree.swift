import Foundation
import Glibc
import Sheets

/// An inbox folder opened without following links, and what it holds.
///
/// Every level below the inbox is opened relative to its parent's descriptor with
/// `O_DIRECTORY | O_NOFOLLOW`, so a symbolic link placed anywhere below `inbox/` — to a folder outside the root,
/// to the ledger, to `/`, to itself — is never entered: it is listed as a link and answered as one. Entries are
/// examined with `fstatat(…, AT_SYMLINK_NOFOLLOW)` on the folder's descriptor, never by path.
final class InboxFolder: @unchecked Sendable {
    /// The folder relative to the inbox (`""` for the inbox itself), as staff read it.
    let relative: String
    /// The same path as the bytes of each level's name on disk (which need not be UTF-8).
    let components: [[UInt8]]
    let descriptor: Int32
    let device: UInt64
    let inode: UInt64

    private init(relative: String, components: [[UInt8]], descriptor: Int32, device: UInt64, inode: UInt64) {
        self.relative = relative
        self.components = components
        self.descriptor = descriptor
        self.device = device
        self.inode = inode
    }

    deinit { close(descriptor) }

    /// Opens the inbox itself. Links in the path above it are the installation's own (`/srv` on another disk);
    /// the inbox itself must be a real folder (`O_NOFOLLOW`), and nothing below it is followed.
    ///
    /// The corresponding C function is `open`.
    static func openInbox(_ path: String) -> InboxFolder? {
        let descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        return wrap(descriptor, relative: "", components: [])
    }

    /// Opens the folder whose names below the inbox are `components`, one level at a time, refusing links at
    /// every level.
    static func open(inbox: String, components: [[UInt8]]) -> InboxFolder? {
        guard var folder = openInbox(inbox) else { return nil }
        for part in components {
            guard let child = folder.folder(named: part, display: FileNameText.display(part)) else { return nil }
            folder = child
        }
        return folder
    }

    /// The sub-folder `name`, or `nil` when it is not a real folder (a link, a file, gone).
    ///
    /// The corresponding C function is `openat` with `O_DIRECTORY | O_NOFOLLOW`.
    func folder(named name: [UInt8], display: String) -> InboxFolder? {
        let descriptor = name.withCString {
            openat(self.descriptor, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        }
        guard descriptor >= 0 else { return nil }
        return Self.wrap(
            descriptor, relative: relative.isEmpty ? display : relative + "/" + display, components: components + [name]
        )
    }

    private static func wrap(_ descriptor: Int32, relative: String, components: [[UInt8]]) -> InboxFolder? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            return nil
        }
        return InboxFolder(
            relative: relative, components: components, descriptor: descriptor, device: UInt64(status.st_dev),
            inode: UInt64(status.st_ino))
    }

    /// Every entry of the folder but `.` and `..`, sorted by name, each examined without following links.
    ///
    /// The corresponding C functions are `fdopendir`, `readdir` and `fstatat` with `AT_SYMLINK_NOFOLLOW`.
    func entries(mounts: MountPoints = MountPoints()) -> [InboxEntry] {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            return []
        }
        defer { closedir(directory) }
        rewinddir(directory)
        var result: [InboxEntry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] || name.isEmpty { continue }
            guard var status = self.status(of: name) else { continue }
            // Another file system mounted here (a bind mount of a folder or a file) is never entered or read.
            if status.kind == .folder || status.kind == .file,
                status.device != device || mounts.contains(components: components, name: name)
            {
                status.kind = .mountPoint
            }
            result.append(InboxEntry(rawName: name, status: status))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The entry `name` examined without following a link, or `nil` when it is gone.
    func status(of name: [UInt8]) -> EntryStatus? {
        var status = stat()
        let result = name.withCString { fstatat(descriptor, $0, &status, AT_SYMLINK_NOFOLLOW) }
        guard result == 0 else { return nil }
        return EntryStatus(status)
    }
}

/// What `fstatat` said of one directory entry, kept as plain values.
struct EntryStatus: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case folder, file, link, other, mountPoint }

    var kind: Kind
    var size: Int
    var links: Int
    var device: UInt64
    var inode: UInt64
    /// Modification and status-change times, in seconds since 1970.
    var modified: Double
    var changed: Double

    init(_ status: stat) {
        switch status.st_mode & S_IFMT {
        case S_IFDIR: kind = .folder
        case S_IFREG: kind = .file
        case S_IFLNK: kind = .link
        default: kind = .other
        }
        size = Int(status.st_size)
        links = Int(status.st_nlink)
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        changed = Double(status.st_ctim.tv_sec) + Double(status.st_ctim.tv_nsec) / 1e9
    }

    /// Whether this is the same file as `other` was, as far as names go (same device and inode).
    func isSameFile(as other: EntryStatus) -> Bool { device == other.device && inode == other.inode }
}

/// One directory entry: its name as the bytes on disk and as staff read it.
struct InboxEntry: Sendable {
    var rawName: [UInt8]
    var status: EntryStatus
    var name: String { FileNameText.display(rawName) }
}

/// The inbox's folders, found by a walk that never follows a link, never visits a folder twice and stops at a
/// fixed depth.
public struct InboxTree {
    /// The deepest level examined: `departments/<部门>/<学院>/预览` is 4; one more shows what staff nest by mistake.
    static let maximumDepth = 6
    /// A bound on folders, so a tree built to exhaust lixiao costs a bounded amount of work.
    static let maximumFolders = 50_000

    /// Each real folder, by its path relative to the inbox (`""` for the inbox itself), with its entries.
    var folders: [String: [InboxEntry]] = [:]
    /// Each folder's path as the bytes of its names on disk.
    var components: [String: [[UInt8]]] = [:]

    /// Walks the inbox at `path`; `shouldStop` is asked between folders (the daemon's stop request).
    init(inbox path: String, shouldStop: () -> Bool = { false }) {
        guard let root = InboxFolder.openInbox(path) else { return }
        let mounts = MountPoints(below: path)
        var visited: Set<[UInt64]> = []
        var pending: [(InboxFolder, Int)] = [(root, 0)]
        while let (folder, depth) = pending.popLast().map({ ($0.0, $0.1) }), !shouldStop(),
            folders.count < Self.maximumFolders
        {
            guard visited.insert([folder.device, folder.inode]).inserted else { continue }
            let entries = folder.entries(mounts: mounts)
            folders[folder.relative] = entries
            components[folder.relative] = folder.components
            guard depth < Self.maximumDepth else { continue }
            for entry in entries where entry.status.kind == .folder && !entry.rawName.starts(with: [0x2E]) {
                if let child = folder.folder(named: entry.rawName, display: entry.name) {
                    pending.append((child, depth + 1))
                }
            }
        }
    }

    /// Whether any folder holds an entry a round looks at (a file, link or anything else not ignored); when none
    /// does, a round has nothing to read or answer.
    var holdsEntries: Bool {
        folders.values.contains { entries in
            entries.contains { $0.status.kind != .folder && !InboxScanner.isIgnored($0.name) }
        }
    }

    /// Whether the inbox at `path` holds any entry a round looks at.
    public static func holdsEntries(_ path: String) -> Bool {
        InboxTree(inbox: path).holdsEntries
    }

    /// The real sub-folders of `relative`, by name.
    func subfolders(of relative: String) -> [String] {
        let prefix = relative.isEmpty ? "" : relative + "/"
        return (folders[relative] ?? []).compactMap { entry in
            entry.status.kind == .folder && folders[prefix + entry.name] != nil ? entry.name : nil
        }
    }
}

/// File names as bytes on disk and as text for people.
enum FileNameText {
    /// The name as staff read it: UTF-8 when it is, else GB18030 (names written by old Chinese Windows clients),
    /// else every byte that is not printable ASCII written as `\xNN`.
    static func display(_ raw: [UInt8]) -> String {
        if let text = String(validating: raw, as: UTF8.self) { return text }
        if let text = LegacyChineseText.decode(raw) { return text }
        return raw.map { byte in
            (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
        }.joined()
    }

    /// Whether the name's bytes are not valid UTF-8.
    static func isNotUTF8(_ raw: [UInt8]) -> Bool { String(validating: raw, as: UTF8.self) == nil }
}

extension Array where Element == UInt8 {
    /// Calls `body` with the bytes as a NUL-terminated C string.
    func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        var terminated = self.map { CChar(bitPattern: $0) }
        terminated.append(0)
        return try terminated.withUnsafeBufferPointer { try body($0.baseAddress.unsafelyUnwrapped) }
    }
}
