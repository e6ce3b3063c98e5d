import Foundation
import Glibc

/// Sorts the entries of one inbox folder into files ready to process (oldest first), entries refused unread,
/// and files still being copied.
///
/// Ignored and never touched: hidden files, Office lock files (`~$*`, `.~lock.*#`), partial downloads and
/// temporaries (`*.tmp`, `*.part`, `*.crdownload`, Excel's 8-hex-digit save files), `Thumbs.db`, `desktop.ini`,
/// lixiao's own `说明.txt`, and sub-folders (the walk lists those as folders of their own). Symbolic links (to
/// files or folders), FIFOs, sockets, devices and files with more than one hard link are refused, never read,
/// and left where they are.
struct InboxScanner {
    /// A regular file that has stopped changing, as the scan saw it.
    struct Found: Sendable, Hashable {
        /// The folder relative to the inbox, such as `registry` or `departments/图书馆/预览`.
        var folder: String
        /// The folder's path below the inbox as the bytes of its names on disk.
        var folderComponents: [[UInt8]]
        var rawName: [UInt8]
        var name: String
        var status: EntryStatus
        var modified: Double { status.modified }
    }

    /// An entry that is never read.
    struct Refused: Sendable {
        var folder: String
        var folderComponents: [[UInt8]]
        var rawName: [UInt8]
        var name: String
        var status: EntryStatus
        var reason: String
    }

    struct Listing: Sendable {
        var ready: [Found] = []
        var refused: [Refused] = []
        var settling: [String] = []
    }

    let settleSeconds: Double
    let now: Double
    let tracker: SettleTracker

    /// The entries of `folder` (relative to the inbox) in `tree`; an absent folder has none.
    func scan(_ tree: InboxTree, folder: String) -> Listing {
        var listing = Listing()
        let components = tree.components[folder] ?? folder.split(separator: "/").map { Array($0.utf8) }
        for entry in tree.folders[folder] ?? [] where !Self.isIgnored(entry.name) {
            let status = entry.status
            let refusal: String? =
                switch status.kind {
                case .folder: nil
                case .link: Self.linkRefusal
                case .file where status.links > 1: "该文件有多个硬链接，为安全起见不予读取，请放入文件副本"
                case .file: nil
                case .other: "不是普通文件（设备、管道等），不予读取"
                case .mountPoint: Self.mountRefusal
                }
            if let refusal {
                listing.refused.append(
                    Refused(
                        folder: folder, folderComponents: components, rawName: entry.rawName, name: entry.name,
                        status: status, reason: refusal))
                continue
            }
            guard status.kind == .file else { continue }
            guard isSettled(folder: folder, entry) else {
                listing.settling.append(folder + "/" + entry.name)
                continue
            }
            listing.ready.append(
                Found(
                    folder: folder, folderComponents: components, rawName: entry.rawName, name: entry.name,
                    status: status))
        }
        listing.ready.sort { ($0.modified, $0.name) < ($1.modified, $1.name) }
        return listing
    }

    static let mountRefusal = "这是挂载到此处的另一个文件系统（挂载点），lixiao 不会进入或读取；请放入文件本身"

    static let linkRefusal = "这是符号链接（快捷方式），lixiao 不会打开或进入它指向的文件或文件夹；请放入文件本身"

    /// Whether the file has stopped changing: by the clock (its modification and change times lie at least the
    /// settle window in the past), or, for a time the clock cannot judge (one in the future, from a client whose
    /// clock is ahead), because lixiao itself has seen it unchanged for the settle window.
    private func isSettled(folder: String, _ entry: InboxEntry) -> Bool {
        let status = entry.status
        let observed = tracker.unchangedSeconds(key: folder + "/" + entry.name, status)
        // A copy that keeps the original modification time (cp -p, Explorer, Samba) still changes ctime.
        let latest = max(status.modified, status.changed)
        if latest <= now + 1, now - latest >= settleSeconds { return true }
        return observed >= settleSeconds
    }

    /// Whether a name is one the inbox never touches.
    static func isIgnored(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if name.hasPrefix(".") || name.hasPrefix("~$") || name.hasPrefix("~") { return true }
        if lowered.hasSuffix(".tmp") || lowered.hasSuffix(".part") || lowered.hasSuffix(".crdownload") { return true }
        if lowered == "thumbs.db" || lowered == "desktop.ini" || name == InboxGuide.fileName { return true }
        // Excel saves through a temporary named with 8 hex digits and no extension.
        if name.count == 8, name.allSatisfy(\.isHexDigit) { return true }
        return false
    }
}

/// Remembers how each inbox file looked when lixiao last saw it, so "still being copied" is judged by what
/// lixiao observes rather than by comparing a file's times with the clock (which a client's clock may be ahead of).
public final class SettleTracker: @unchecked Sendable {
    private struct Seen {
        var status: EntryStatus
        var since: Double
    }

    private let lock = NSLock()
    private var seen: [String: Seen] = [:]

    public init() {}

    /// How long, in seconds of this machine's monotonic clock, the entry at `key` has looked like `status`.
    func unchangedSeconds(key: String, _ status: EntryStatus) -> Double {
        let now = Self.monotonic()
        lock.lock()
        defer { lock.unlock() }
        if let earlier = seen[key], earlier.status == status { return now - earlier.since }
        seen[key] = Seen(status: status, since: now)
        return 0
    }

    /// Seconds since an arbitrary start, never going backwards.
    static func monotonic() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
