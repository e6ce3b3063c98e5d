import Foundation
import Glibc
import Ledger
public import Logging

/// `lixiao watch`: processes the inbox whenever it changes, one round per burst of changes, until stopped.
///
/// A round takes the ledger's lock only while it runs (so `show`, `stats` and the other commands work between
/// rounds), processes every settled file, and regenerates the outbox once. A round also runs every
/// `rescanInterval` seconds, to pick up files that were still settling and to refresh day-dependent outputs.
public final class WatchService {
    private let workspace: Workspace
    private let settleSeconds: Double
    private let polling: Double?
    private let rescanInterval: Double
    private let logger: Logger
    private let stop: Int32
    private let loader: SheetLoader
    /// How inbox files looked in earlier rounds: a file is taken once lixiao has seen it unchanged for the
    /// settle window, whatever its times say.
    private let tracker = SettleTracker()
    /// Held for the daemon's whole life, so a second `watch` on the root refuses to start.
    private var daemonLock: DaemonLock?
    /// Whether the first round has removed the temporary files an earlier crash left.
    private var leftoversRemoved = false

    /// Another `lixiao watch` runs on the same root.
    public struct AlreadyRunning: Error, CustomStringConvertible {
        /// The other daemon's process id, when it wrote one.
        public var pid: Int32?
        /// When it started, in local time, when it wrote it.
        public var since: String?

        public var description: String {
            var holder = pid.map { "pid \($0)" } ?? "pid unknown"
            if let since { holder += ", since \(since)" }
            return "another lixiao watch (\(holder)) is running on this root"
        }
    }

    /// `stop` is a file descriptor that becomes readable when the service should finish (the read end of a
    /// pipe the signal handlers write to).
    public init(
        workspace: Workspace, settleSeconds: Double, polling: Double?, rescanInterval: Double, logger: Logger,
        stop: Int32, loader: SheetLoader = .isolated()
    ) {
        self.loader = loader
        self.workspace = workspace
        self.settleSeconds = settleSeconds
        self.polling = polling
        self.rescanInterval = rescanInterval
        self.logger = logger
        self.stop = stop
    }

    /// Runs until `stop` is readable; returns after finishing the round in progress.
    ///
    /// Throws `AlreadyRunning` at once when another daemon holds the root's daemon lock (`ledger/watch.pid`).
    public func run() throws {
        try FolderLayout.create(workspace)
        // Opening the ledger once checks it is whole (a lost ledger stops the daemon at start, naming what is
        // missing) and creates it on a fresh root; another lixiao holding it now is no reason not to start.
        do {
            _ = try LedgerSession(workspace: workspace)
        } catch {
            guard case .locked = error.kind else { throw error }
        }
        switch try DaemonLock.take(root: workspace.ledger) {
        case .success(let lock):
            daemonLock = lock
        case .failure(let held):
            throw AlreadyRunning(
                pid: held.holder.pid,
                since: held.holder.since.map { LocalTime.text(fromLedger: $0) })
        }
        defer { daemonLock = nil }
        let watcher = InboxWatcher(root: workspace.inbox, polling: polling, stop: stop)
        logger.notice("watching \(workspace.inbox) (\(watcher.mode == .inotify ? "inotify" : "polling"))")
        var next = round(watcher)
        while true {
            switch watcher.wait(timeout: next, stop: stop) {
            case .stop:
                logger.notice("stopping")
                return
            case .timeout:
                next = round(watcher)
            case .changed:
                // One round per burst: wait until the inbox has been quiet for the settle window.
                var quiet = false
                while !quiet {
                    switch watcher.wait(timeout: max(settleSeconds, 0.2), stop: stop) {
                    case .stop:
                        logger.notice("stopping")
                        return
                    case .timeout: quiet = true
                    case .changed: continue
                    }
                }
                next = round(watcher)
            }
        }
    }

    /// Whether the stop descriptor is readable (a SIGTERM arrived), without consuming it.
    static func stopRequested(_ stop: Int32) -> Bool {
        var descriptors = [pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        return poll(&descriptors, 1, 0) > 0
    }

    /// One round: lock, process, regenerate, unlock. Returns how long to wait before the next unprompted round.
    private func round(_ watcher: InboxWatcher) -> Double {
        // Folders staff deleted are laid out again, and watched again.
        _ = try? FolderLayout.create(workspace)
        watcher.refresh()
        do {
            let session = try LedgerSession(workspace: workspace)
            for note in session.notes { logger.warning("\(note)") }
            if !leftoversRemoved {
                for path in try session.removeLeftoverTemporaryFiles() {
                    logger.notice("removed a temporary file a crash left: \(path)")
                }
                leftoversRemoved = true
            }
            let stop = self.stop
            let summary = try PipelineRun(
                session: session, settleSeconds: settleSeconds, logger: logger, loader: loader, tracker: tracker,
                shouldStop: { Self.stopRequested(stop) }
            ).run()
            for line in summary.receipts {
                logger.notice("\(Printable.text(line.folder))/\(Printable.text(line.fileName)): \(line.outcome)")
            }
            // Stopping: the outbox is brought up to date at the next start, not now.
            if Self.stopRequested(stop) { return rescanInterval }
            let outputs = try Regenerator(session: session).regenerate()
            if !outputs.written.isEmpty {
                logger.notice("outbox: \(outputs.written.count) written, \(outputs.unchanged) unchanged")
            }
            for failure in outputs.failures { logger.error("output \(failure)") }
            return summary.settling.isEmpty ? rescanInterval : max(settleSeconds, 0.5)
        } catch let error as LedgerError {
            if case .locked = error.kind {
                logger.warning("\(error); trying again shortly")
                return max(settleSeconds, 2)
            }
            logger.error("\(error); processing stopped for this round, files stay in the inbox")
            return rescanInterval
        } catch {
            logger.error("\(error); processing stopped for this round, files stay in the inbox")
            return rescanInterval
        }
    }
}
