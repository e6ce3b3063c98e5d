import Foundation
import Glibc

/// Tells when anything under the inbox may have changed: inotify on every folder of the tree (watches are not
/// recursive, so new folders are added as they appear), or, where inotify is unavailable or unreliable (network
/// mounts), a polling comparison of every file's path, size and modification time.
final class InboxWatcher {
    enum Mode: Equatable {
        case inotify
        case polling(interval: Double)
    }

    private let root: String
    private(set) var mode: Mode
    private var descriptor: Int32 = -1
    private var watched: Set<String> = []
    private var lastSignature: [String: EntryStatus] = [:]
    private let stop: Int32

    /// Starts watching `root`; `polling` forces polling (for network mounts), otherwise inotify is tried first.
    ///
    /// The corresponding C functions are `inotify_init1` and `inotify_add_watch`.
    ///
    /// `stop` is the daemon's stop descriptor: every walk of the tree ends early once it is readable.
    init(root: String, polling: Double?, stop: Int32 = -1) {
        self.root = root
        self.stop = stop
        if let polling {
            mode = .polling(interval: polling)
        } else {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            mode = descriptor >= 0 ? .inotify : .polling(interval: 5)
        }
        if mode == .inotify { addWatches() } else { lastSignature = signature() }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Waits up to `timeout` seconds for a change, or until `stop` becomes readable. Returns what happened.
    ///
    /// The corresponding C functions are `poll` and `read`.
    func wait(timeout: Double, stop: Int32) -> Event {
        switch mode {
        case .inotify:
            var descriptors = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stop, events: Int16(POLLIN), revents: 0),
            ]
            let result = poll(&descriptors, 2, Int32(max(0, timeout) * 1000))
            if result > 0, descriptors[1].revents != 0 { return .stop }
            guard result > 0, descriptors[0].revents != 0 else { return .timeout }
            drainEvents()
            return .changed
        case .polling(let interval):
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                var descriptors = [pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
                let slice = min(interval, max(0, deadline.timeIntervalSinceNow))
                if poll(&descriptors, 1, Int32(slice * 1000)) > 0 { return .stop }
                let current = signature()
                if current != lastSignature {
                    lastSignature = current
                    return .changed
                }
            }
            return .timeout
        }
    }

    enum Event { case changed, timeout, stop }

    /// Reads and discards pending inotify events, adding watches for folders created meanwhile.
    private func drainEvents() {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var newFolder = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.withUnsafeBytes {
                    $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                }
                // A folder created, deleted or moved (or lost events): watch the tree afresh.
                let structural = UInt32(IN_ISDIR | IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)
                if event.mask & structural != 0 { newFolder = true }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        if newFolder { refresh() }
    }

    /// Watches every folder of the tree again: folders deleted and recreated get new watches (the kernel hands
    /// back the same watch for a folder already watched, so this is cheap and safe).
    func refresh() {
        guard mode == .inotify else { return }
        watched.removeAll()
        addWatches()
    }

    private func addWatches() {
        let mask = UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF
                | IN_MOVE_SELF | IN_DONT_FOLLOW | IN_ONLYDIR)
        let tree = InboxTree(inbox: root, shouldStop: stopRequested)
        for relative in tree.folders.keys.sorted() {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard !watched.contains(folder) else { continue }
            // IN_DONT_FOLLOW: a folder swapped for a link after the walk is not watched through the link.
            if inotify_add_watch(descriptor, folder, mask) >= 0 { watched.insert(folder) }
        }
    }

    /// Whether the stop descriptor is readable now (a SIGTERM arrived), without consuming it.
    private func stopRequested() -> Bool {
        guard stop >= 0 else { return false }
        var descriptors = [pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        return poll(&descriptors, 1, 0) > 0
    }

    /// Every entry under the inbox with its kind, size and times, for polling — found by the same bounded walk
    /// that never follows a link.
    private func signature() -> [String: EntryStatus] {
        var result: [String: EntryStatus] = [:]
        let tree = InboxTree(inbox: root, shouldStop: stopRequested)
        for (folder, entries) in tree.folders {
            for entry in entries where entry.status.kind != .folder {
                result[folder + "/" + entry.name] = entry.status
            }
        }
        return result
    }
}
