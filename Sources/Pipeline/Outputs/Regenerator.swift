import Clearance
import Dispatch
import Foundation
import Glibc
import Ledger
import Reports

/// Rebuilds the outbox from the ledger: only outputs whose fingerprint changed or whose file is gone, in
/// parallel on the available cores, each written to a hidden temporary name and renamed into place.
public final class Regenerator {
    public struct Summary: Sendable {
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        public var failures: [String] = []
        /// Whether any failure was the disk's (full, I/O error) rather than one output's own.
        public var diskFailure = false
        public var seconds = 0.0
    }

    private let session: LedgerSession
    private let clock: RunClock
    private let fileSystem = FileSystem.live

    public init(session: LedgerSession, clock: RunClock = RunClock()) {
        self.session = session
        self.clock = clock
    }

    /// Regenerates what changed; `progress` (when given) is told `done, total` as files complete.
    public func regenerate(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let start = DispatchTime.now()
        var summary = Summary()
        let workspace = session.workspace
        var jobs = OutputPlan.templateJobs(workspace.university)
        var progressNeeded: [(context: OutputContext, box: ProgressBox, leadersPath: String)] = []
        var stamps: [String: OutputStamp] = [:]
        let notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: session.store).ids
        for context in try contexts() {
            var plan = OutputPlan(context: context, progress: ProgressBox())
            plan.notices = notices
            let planned = plan.jobs
            jobs += planned
            for job in planned {
                stamps[job.path] = OutputStamp(sequence: context.sequence, generatedAt: context.generatedAt)
            }
            progressNeeded.append((context, plan.progress, plan.leadersPath))
        }
        var index = try OutputIndex(path: workspace.ledger + "/outputs.tsv", store: session.store)
        let outbox = workspace.outbox
        let pending = jobs.filter { job in
            index.entries[job.path]?.fingerprint != job.fingerprint
                || !FileManager.default.fileExists(atPath: outbox + "/" + job.path)
        }
        // An unchanged output rebuilt only because its file is gone keeps the stamp it was built with.
        let jobStamps = pending.map { job -> OutputStamp in
            if let entry = index.entries[job.path], entry.fingerprint == job.fingerprint, let stamp = entry.stamp {
                return stamp
            }
            return stamps[job.path] ?? OutputStamp(sequence: 0, generatedAt: "")
        }
        summary.unchanged = jobs.count - pending.count
        // Progress over time replays the whole journal: only when a leaders' workbook is to be rebuilt.
        let pendingPaths = Set(pending.map(\.path))
        for (context, box, path) in progressNeeded where pendingPaths.contains(path) {
            box.value = try clearanceProgress(of: context.batch)
        }
        let results = build(pending, stamps: jobStamps, into: outbox, progress: progress)
        for ((job, stamp), failure) in zip(zip(pending, jobStamps), results) {
            if let failure {
                summary.failures.append("\(job.path): \(failure.text)")
                if failure.isDisk { summary.diskFailure = true }
            } else {
                index.entries[job.path] = OutputIndex.Entry(fingerprint: job.fingerprint, stamp: stamp)
                summary.written.append(job.path)
            }
        }
        let planned = Set(jobs.map(\.path))
        for path in index.entries.keys.sorted() where !planned.contains(path) {
            unlink(outbox + "/" + path)
            index.entries[path] = nil
            summary.removed.append(path)
        }
        try index.save(with: session.store)
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    /// Builds every job, two or more at a time; returns each job's failure (or nil), in job order.
    private func build(
        _ jobs: [OutputJob], stamps: [OutputStamp], into outbox: String, progress: (@Sendable (Int, Int) -> Void)?
    ) -> [BuildFailure?] {
        let results = ResultBox(count: jobs.count)
        let fileSystem = self.fileSystem
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            let target = outbox + "/" + job.path
            let folder = (target as NSString).deletingLastPathComponent
            var failure: BuildFailure?
            do {
                try SafeFolder.makeForWriting(folder, outbox: outbox)
                let temporary = fileSystem.temporaryPath(in: folder, suffix: ".xlsx")
                do {
                    try job.build(temporary, stamps[index])
                } catch {
                    unlink(temporary)
                    throw error
                }
                try fileSystem.publish(temporary, as: target)
            } catch let error as LedgerError {
                failure = BuildFailure(text: "\(error)", isDisk: true)
            } catch {
                failure = BuildFailure(text: "\(error)", isDisk: false)
            }
            let done = results.set(index, failure)
            progress?(done, jobs.count)
        }
        return results.values
    }

    /// Each batch with people, as an output context (today, the journal's position and last change time).
    private func contexts() throws -> [OutputContext] {
        try session.states.filter { !$0.members.isEmpty }.map { try session.outputContext(for: $0, clock: clock) }
    }

    /// A batch's clearance progress over time, replayed from its journal.
    private func clearanceProgress(of batch: Batch) throws -> ClearanceProgress {
        var progress = ClearanceProgress()
        guard let ledger = session.ledgers[batch.id] else { return progress }
        let today = clock.today()
        var replay = BatchState(batch: batch)
        try ledger.journal.forEach(from: 1) { record in
            let change = try JournalCodec.change(record, batch: batch.id, journal: ledger.journal.path) { id, item in
                replay[id]?.state(of: item) ?? .initial
            }
            progress.record(change, on: clock.zone.day(ledger: record.entry.time) ?? today)
            replay.apply(change)
        }
        return progress
    }
}

/// The progress a leaders' workbook is built from, filled in only when that workbook is rebuilt.
final class ProgressBox: @unchecked Sendable {
    var value = ClearanceProgress()
}

/// Why one output could not be built.
struct BuildFailure: Sendable {
    var text: String
    var isDisk: Bool
}

/// Collects results from concurrent builders.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [BuildFailure?]
    private var done = 0

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: BuildFailure?) -> Int {
        lock.lock()
        defer { lock.unlock() }
        storage[index] = value
        done += 1
        return done
    }

    var values: [BuildFailure?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// The fingerprint (and stamp) each output was last built from, kept as `ledger/outputs.tsv`.
///
/// Each line is: the path under `outbox/`, the fingerprint, the ledger position (journal sequence of its batch)
/// and the time it was built at. A missing file is an empty record; a file that cannot be read or a line that
/// cannot be decoded is an error, never "empty" (an empty record would remove every output from the outbox).
struct OutputIndex {
    struct Entry {
        var fingerprint: String
        var stamp: OutputStamp?
    }

    let path: String
    var entries: [String: Entry] = [:]

    init(path: String, store: LedgerStore) throws(LedgerError) {
        self.path = path
        for (number, fields) in try StateFile.lines(path, store: store) {
            guard fields.count == 2 || fields.count == 4, !fields[0].isEmpty else {
                throw LedgerError(
                    .stateDamaged(file: path, line: number, reason: "a line has \(fields.count) fields, not 4"))
            }
            var stamp: OutputStamp?
            if fields.count == 4, !fields[2].isEmpty {
                guard let sequence = Int(fields[2]), sequence >= 0 else {
                    throw LedgerError(
                        .stateDamaged(
                            file: path, line: number,
                            reason: "\(fields[2].debugDescription) is not a ledger position"))
                }
                stamp = OutputStamp(sequence: sequence, generatedAt: fields[3])
            }
            entries[fields[0]] = Entry(fingerprint: fields[1], stamp: stamp)
        }
    }

    /// The outputs of `batch`: those with the batch's folder in their path, sorted by path.
    func outputs(of batch: Batch) -> [(path: String, entry: Entry)] {
        entries.filter { $0.key.split(separator: "/").contains { $0 == batch.name } }
            .map { (path: $0.key, entry: $0.value) }.sorted { $0.path < $1.path }
    }

    func save(with store: LedgerStore) throws(LedgerError) {
        var text = ""
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += LedgerText.line([
                path, entry.fingerprint, entry.stamp.map { String($0.sequence) } ?? "",
                entry.stamp?.generatedAt ?? "",
            ])
        }
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
