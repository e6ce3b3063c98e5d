import Foundation
import Glibc

/// Lists the files of one inbox folder that are ready to process, oldest first.
///
/// Ignored and never touched: hidden files, Office lock files (`~$*`, `.~lock.*#`), partial downloads and
/// temporaries (`*.tmp`, `*.part`, `*.crdownload`, Excel's 8-hex-digit save files), `Thumbs.db`, `desktop.ini`,
/// lixiao's own `说明.txt`, sub-folders, and any file modified within the settle window (still being copied).
/// Symbolic links, FIFOs, devices and files with more than one hard link are returned as refused, never read.
struct InboxScanner {
    struct Found: Sendable, Hashable {
        var path: String
        var name: String
        /// The folder relative to the inbox, such as `registry`.
        var folder: String
        var size: Int
        var modified: Double
        var inode: UInt64
    }

    struct Refused: Sendable {
        var path: String
        var name: String
        var folder: String
        var reason: String
    }

    struct Listing: Sendable {
        var ready: [Found] = []
        var refused: [Refused] = []
        var settling: [String] = []
    }

    let settleSeconds: Double
    let now: Double

    func scan(_ directory: String, folder: String) -> Listing {
        var listing = Listing()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return listing }
        for name in names.sorted() where !Self.isIgnored(name) {
            let path = directory + "/" + name
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            let type = status.st_mode & S_IFMT
            if type == S_IFDIR { continue }
            let refusal: String? =
                switch type {
                case S_IFLNK: "符号链接（快捷方式）不会被读取，请放入文件本身"
                case S_IFREG where status.st_nlink > 1: "该文件有多个硬链接，为安全起见不予读取，请放入文件副本"
                case S_IFREG: nil
                default: "不是普通文件（设备、管道等），不予读取"
                }
            if let refusal {
                listing.refused.append(Refused(path: path, name: name, folder: folder, reason: refusal))
                continue
            }
            let modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
            // A copy that keeps the original modification time (cp -p, Explorer, Samba) still changes ctime.
            let changed = max(modified, Double(status.st_ctim.tv_sec) + Double(status.st_ctim.tv_nsec) / 1e9)
            if now - changed < settleSeconds {
                listing.settling.append(path)
                continue
            }
            listing.ready.append(
                Found(
                    path: path, name: name, folder: folder, size: Int(status.st_size),
                    modified: modified, inode: UInt64(status.st_ino)))
        }
        listing.ready.sort { ($0.modified, $0.name) < ($1.modified, $1.name) }
        return listing
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
