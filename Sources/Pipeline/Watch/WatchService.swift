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
    private var workspace: Workspace
    private let settleSeconds: Double
    private let polling: Double?
    private let rescanInterval: Double
    private let logger: Logger
    private let stop: Int32
    /// Loads the pipeline file again (SIGHUP); `nil` when the daemon cannot reload.
    private let reload: (() throws -> Workspace)?
    private let loader: SheetLoader
    /// The clock rounds journal and date receipts by, and the zone staff read times in.
    private let clock: RunClock
    /// How inbox files looked in earlier rounds: a file is taken once lixiao has seen it unchanged for the
    /// settle window, whatever its times say.
    private let tracker = SettleTracker()
    /// Held for the daemon's whole life, so a second `watch` on the root refuses to start.
    private var daemonLock: DaemonLock?
    /// Whether the first round has removed the temporary files an earlier crash left.
    private var leftoversRemoved = false
    /// The batches' states at the end of the last round, used by the next where the journals did not move.
    private let states = StateCache()
    /// What the signal handlers asked for, read from the stop pipe (also between files of a round).
    private let signals: SignalRequests

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

    /// The byte a signal handler writes to the stop pipe to stop the service (SIGTERM, SIGINT).
    public static let stopByte: UInt8 = 1
    /// The byte a signal handler writes to the stop pipe to reload the pipeline file (SIGHUP).
    public static let reloadByte: UInt8 = 2

    /// `stop` is a non-blocking file descriptor that becomes readable when the service should act (the read end
    /// of a pipe the signal handlers write to): ``stopByte`` finishes the round in progress and returns,
    /// ``reloadByte`` calls `reload` and, when it returns a pipeline, uses it from the next round on; a pipeline
    /// it refuses is logged with its file and line and the old one kept.
    public init(
        workspace: Workspace, settleSeconds: Double, polling: Double?, rescanInterval: Double, logger: Logger,
        stop: Int32, loader: SheetLoader = .isolated(), reload: (() throws -> Workspace)? = nil,
        clock: RunClock = RunClock()
    ) {
        self.reload = reload
        self.clock = clock
        // Reading what the handlers wrote must never block.
        if stop >= 0 { _ = fcntl(stop, F_SETFL, fcntl(stop, F_GETFL) | O_NONBLOCK) }
        self.loader = loader
        self.workspace = workspace
        self.settleSeconds = settleSeconds
        self.polling = polling
        self.rescanInterval = rescanInterval
        self.logger = logger
        self.stop = stop
        signals = SignalRequests(descriptor: stop)
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
                since: held.holder.since.map { clock.zone.text(ledger: $0) })
        }
        defer { daemonLock = nil }
        let watcher = InboxWatcher(root: workspace.inbox, polling: polling, stop: stop)
        logger.notice("watching \(workspace.inbox) (\(watcher.mode == .inotify ? "inotify" : "polling"))")
        var next = round(watcher)
        while true {
            // A stop or reload a round read from the pipe (between its files) is acted on now.
            guard reloadRequested(waiting: false) else {
                logger.notice("stopping")
                return
            }
            switch watcher.wait(timeout: next, stop: stop) {
            case .stop:
                guard reloadRequested(waiting: true) else {
                    logger.notice("stopping")
                    return
                }
                next = round(watcher)
            case .timeout:
                next = round(watcher)
            case .changed:
                // One round per burst: wait until the inbox has been quiet for the settle window.
                var quiet = false
                while !quiet {
                    switch watcher.wait(timeout: max(settleSeconds, 0.2), stop: stop) {
                    case .stop:
                        guard reloadRequested(waiting: true) else {
                            logger.notice("stopping")
                            return
                        }
                    case .timeout: quiet = true
                    case .changed: continue
                    }
                }
                next = round(watcher)
            }
        }
    }

    /// Reads what the signal handlers wrote: `false` when the service must stop, `true` after a reload request
    /// has been handled.
    ///
    /// `waiting` says the pipe was just seen readable; otherwise nothing pending means carry on.
    private func reloadRequested(waiting: Bool) -> Bool {
        if signals.stopRequested() { return false }
        let reloads = signals.takeReloads()
        guard reloads > 0 else { return !waiting || !signals.isClosed }
        guard let reload else {
            logger.warning("SIGHUP: this daemon cannot reload its pipeline")
            return true
        }
        do {
            let fresh = try reload()
            if fresh.inbox != workspace.inbox || fresh.ledger != workspace.ledger {
                logger.error("pipeline reload refused: it moves the inbox or the ledger; restart the daemon instead")
                return true
            }
            workspace = fresh
            states.clear()
            logger.notice("pipeline reloaded: \(fresh.university.name), \(fresh.university.items.count) items")
        } catch {
            logger.error("pipeline reload refused, the old one is kept: \(error)")
        }
        return true
    }

    /// One round: lock, process, regenerate, unlock. Returns how long to wait before the next unprompted round.
    ///
    /// Every round that opened the ledger, and every round an error stopped, leaves its account in
    /// `ledger/status.json` for `lixiao status`.
    private func round(_ watcher: InboxWatcher) -> Double {
        // Folders staff deleted are laid out again, and watched again.
        _ = try? FolderLayout.create(workspace)
        watcher.refresh()
        let started = Date()
        var summary = PipelineRun.Summary()
        var outputs: Regenerator.Summary?
        var errors: [String] = []
        defer {
            let status = RoundStatus.of(
                summary, outputs: outputs, started: started, by: "watch", errors: errors,
                earlier: RoundStatus.read(ledger: workspace.ledger))
            do { try status.write(ledger: workspace.ledger) } catch { logger.error("\(error)") }
        }
        do {
            // The states kept from the last round are used where the journals did not move; a round with an
            // empty inbox and an outbox already current reads none.
            let session = try LedgerSession(workspace: workspace, loadingState: false, cache: states)
            for note in session.notes { logger.warning("\(note)") }
            if session.snapshotsNeedWriting { try session.load() }
            defer {
                if session.isLoaded {
                    states.remember(session)
                    if Self.checksKeptState { checkKeptState(session) }
                }
            }
            if !leftoversRemoved {
                for path in try session.removeLeftoverTemporaryFiles() {
                    logger.notice("removed a temporary file a crash left: \(path)")
                }
                leftoversRemoved = true
            }
            let signals = self.signals
            summary = try PipelineRun(
                session: session, settleSeconds: settleSeconds, clock: clock, logger: logger, loader: loader,
                tracker: tracker,
                shouldStop: { signals.stopRequested() }
            ).run()
            for line in summary.receipts {
                logger.notice("\(Printable.text(line.folder))/\(Printable.text(line.fileName)): \(line.outcome)")
            }
            // Stopping: the outbox is brought up to date at the next start, not now.
            if signals.stopRequested() { return rescanInterval }
            let regenerated = try Regenerator(session: session, clock: clock).regenerate()
            outputs = regenerated
            if !regenerated.written.isEmpty {
                logger.notice("outbox: \(regenerated.written.count) written, \(regenerated.unchanged) unchanged")
            }
            for failure in regenerated.failures {
                logger.error("output \(failure)")
                errors.append("output \(failure)")
            }
            // Every advisor named so far gets their folders now, before they need them.
            if session.isLoaded, let made = try? FolderLayout.create(workspace, advisors: session.advisors),
                !made.isEmpty
            {
                logger.notice("laid out \(made.count) new folders")
                watcher.refresh()
            }
            return summary.settling.isEmpty ? rescanInterval : max(settleSeconds, 0.5)
        } catch let error as LedgerError {
            states.clear()
            if case .locked = error.kind {
                logger.warning("\(error); trying again shortly")
                return max(settleSeconds, 2)
            }
            logger.error("\(error); processing stopped for this round, files stay in the inbox")
            errors.append("\(error)")
            return rescanInterval
        } catch {
            logger.error("\(error); processing stopped for this round, files stay in the inbox")
            errors.append("\(error)")
            return rescanInterval
        }
    }
}

extension WatchService {
    /// Whether each round compares the states it keeps with the ledger read afresh (`LIXIAO_CHECK_KEPT_STATE=1`,
    /// for tests and for an IT office in doubt): a difference is logged as an error.
    static let checksKeptState = ProcessInfo.processInfo.environment["LIXIAO_CHECK_KEPT_STATE"] == "1"

    /// Compares the session's states with the ledger opened afresh for reading, and logs the outcome.
    fileprivate func checkKeptState(_ session: LedgerSession) {
        do {
            let fresh = try LedgerSession(reading: workspace, wholeJournals: true)
            let kept = session.states
            var differing = kept.filter { state in
                fresh.states.first { $0.batch.id == state.batch.id } != state
            }
            // The leaders' progress the daemon keeps up to date by appends equals one replayed afresh.
            for state in kept {
                guard let progress = session.ledgers[state.batch.id]?.progress,
                    let replayed = fresh.ledgers[state.batch.id]
                else { continue }
                if try replayed.clearanceProgress(in: progress.zone, today: clock.today()) != progress.value {
                    differing.append(state)
                }
            }
            if differing.isEmpty, kept.count == fresh.states.count {
                let progress = kept.filter { session.ledgers[$0.batch.id]?.progress != nil }.map(\.batch.id)
                let batches = kept.map(\.batch.id).joined(separator: ", ")
                let kept = progress.isEmpty ? "none" : progress.joined(separator: ", ")
                logger.notice("kept state matches the ledger (\(batches)); progress of \(kept)")
            } else {
                logger.error(
                    "kept state differs from the ledger: \(differing.map(\.batch.id).joined(separator: ", "))")
            }
        } catch {
            logger.error("kept state could not be compared with the ledger: \(error)")
        }
    }
}

/// The requests the signal handlers wrote to the stop pipe, read without blocking and remembered, so that a
/// round can ask "stop?" between files without losing a reload request (or the stop itself).
final class SignalRequests: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var stop = false
    private var reloads = 0
    private(set) var isClosed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Whether a stop was asked for (reading whatever is pending first).
    func stopRequested() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        drain()
        return stop
    }

    /// How many reloads were asked for since the last call.
    func takeReloads() -> Int {
        lock.lock()
        defer { lock.unlock() }
        drain()
        defer { reloads = 0 }
        return reloads
    }

    private func drain() {
        guard descriptor >= 0 else { return }
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { isClosed = true }
            guard count > 0 else { return }
            for byte in bytes[0..<count] {
                if byte == WatchService.reloadByte { reloads += 1 } else { stop = true }
            }
        }
    }
}
