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
    /// The session's seam: outputs are published (and stale ones removed) through it.
    private var fileSystem: FileSystem { session.fileSystem }

    public init(session: LedgerSession, clock: RunClock = RunClock()) {
        self.session = session
        self.clock = clock
    }

    /// Regenerates what changed; `progress` (when given) is told `done, total` as files complete.
    ///
    /// When nothing the outbox is built from moved since the last complete regeneration (``OutputInputs/round``)
    /// and every file it wrote is there, nothing is looked at, and the batches' states need not even be loaded.
    /// Otherwise an output whose inputs digest is unchanged and whose file exists is left alone without being
    /// built. The others are built as models and fingerprinted; only those whose fingerprint changed (or whose
    /// file is gone) are rendered and published, the rest keep their file and record their new inputs.
    public func regenerate(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Summary {
        let start = DispatchTime.now()
        var summary = Summary()
        let workspace = session.workspace
        let notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: session.store).ids
        var index = session.outputIndex
        let outbox = workspace.outbox
        let round = roundKey(notices: notices)
        if Self.isCurrent(index, round: round, outbox: outbox) {
            summary.unchanged = index.entries.count
            summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            return summary
        }
        try session.load()
        var jobs = OutputPlan.templateJobs(workspace.university)
        if let key = session.noticeKey {
            jobs.append(OutputPlan.publicKeyJob(key.publicKey, university: workspace.university))
        }
        var progressNeeded: [(context: OutputContext, box: ProgressBox, leadersPath: String)] = []
        var stamps: [String: OutputStamp] = [:]
        var plans: [OutputPlan] = []
        let purged = try session.purges()
        for context in try contexts() {
            var plan = OutputPlan(context: context, inputs: OutputInputs(context), progress: ProgressBox())
            plan.notices = notices
            plan.purgedAt = purged[context.batch.id]
            plans.append(plan)
            let planned = plan.jobs
            jobs += planned
            for job in planned {
                stamps[job.path] = OutputStamp(sequence: context.sequence, generatedAt: context.generatedAt)
            }
            progressNeeded.append((context, plan.progress, plan.leadersPath))
        }
        try build(jobs, stamps: stamps, index: &index, summary: &summary, progress: progress) { pending in
            // Progress over time replays the whole journal: only when a leaders' workbook is to be built.
            let pendingPaths = Set(pending.map(\.path))
            for (context, box, path) in progressNeeded where pendingPaths.contains(path) {
                box.value = try clearanceProgress(of: context.batch)
            }
        }
        // The lists of superseded notices name the positions this round's notices were printed at: built after.
        var lists: [OutputJob] = []
        for plan in plans {
            guard let job = plan.revocationsJob(stamps: index.entries) else { continue }
            lists.append(job)
            stamps[job.path] = OutputStamp(sequence: plan.context.sequence, generatedAt: plan.context.generatedAt)
        }
        build(lists, stamps: stamps, index: &index, summary: &summary, progress: nil) { _ in }
        jobs += lists
        summary.unchanged = jobs.count - summary.written.count - summary.failures.count
        let planned = Set(jobs.map(\.path))
        for path in index.entries.keys.sorted() where !planned.contains(path) {
            do {
                try fileSystem.removeIfPresent(outbox + "/" + path)
            } catch {
                // Still planned for removal: the next regeneration tries again.
                summary.failures.append("\(path): \(error)")
                summary.diskFailure = true
                continue
            }
            index.entries[path] = nil
            summary.removed.append(path)
        }
        // Only a regeneration that built everything it planned may say the outbox is the journals' as they are.
        index.round = summary.failures.isEmpty ? round : ""
        try index.save(with: session.store)
        session.outputIndex = index
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return summary
    }

    /// Builds the jobs whose inputs changed or whose file is gone (after `prepare` is given them), recording each
    /// result in `index` and `summary`.
    private func build(
        _ jobs: [OutputJob], stamps: [String: OutputStamp], index: inout OutputIndex, summary: inout Summary,
        progress: (@Sendable (Int, Int) -> Void)?, prepare: ([OutputJob]) throws -> Void
    ) rethrows {
        let outbox = session.workspace.outbox
        let pending = jobs.filter { job in
            index.entries[job.path]?.inputs != job.inputs
                || !FileManager.default.fileExists(atPath: outbox + "/" + job.path)
        }
        try prepare(pending)
        let tasks = pending.map { job in
            BuildTask(
                job: job, previous: index.entries[job.path],
                stamp: stamps[job.path] ?? .neutral,
                exists: FileManager.default.fileExists(atPath: outbox + "/" + job.path))
        }
        let results = build(tasks, into: outbox, progress: progress)
        for (task, result) in zip(tasks, results) {
            switch result {
            case .failed(let failure):
                summary.failures.append("\(task.job.path): \(failure.text)")
                if failure.isDisk { summary.diskFailure = true }
            case .kept(let fingerprint):
                index.entries[task.job.path] = OutputIndex.Entry(
                    fingerprint: fingerprint, stamp: task.previous?.stamp, inputs: task.job.inputs)
            case .written(let fingerprint, let stamp):
                index.entries[task.job.path] = OutputIndex.Entry(
                    fingerprint: fingerprint, stamp: stamp, inputs: task.job.inputs)
                summary.written.append(task.job.path)
            }
        }
    }

    /// Whether the outbox is already built from the journals as they are: a regeneration would look at nothing.
    public func isCurrent() throws -> Bool {
        let workspace = session.workspace
        let notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: session.store).ids
        return Self.isCurrent(session.outputIndex, round: roundKey(notices: notices), outbox: workspace.outbox)
    }

    private static func isCurrent(_ index: OutputIndex, round: String, outbox: String) -> Bool {
        !index.round.isEmpty && index.round == round
            && index.entries.keys.allSatisfy { isFile(outbox + "/" + $0) }
    }

    /// The round key of the journals as they are now (``OutputInputs/round``).
    private func roundKey(notices: Set<PersonID>) -> String {
        let positions = session.workspace.university.batches.compactMap { batch in
            session.ledgers[batch.id].map {
                (batch: batch.id, sequence: $0.journal.lastSequence, hash: $0.journal.lastHash)
            }
        }
        return OutputInputs.round(
            university: session.workspace.university, today: clock.today(), zone: clock.zone.zone,
            keyIdentifier: session.originSigner.keyIdentifier
                + (session.noticeKey.map { " " + $0.publicKey.identifier } ?? "")
                + ((try? session.purges().keys.sorted().map { " purged " + $0 }.joined()) ?? " purges unreadable"),
            positions: positions, notices: notices)
    }

    /// Whether `path` is a regular file (never following a link).
    private static func isFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// One output to build: the job, what the index says of it, the stamp it gets if its content changed.
    private struct BuildTask: Sendable {
        var job: OutputJob
        var previous: OutputIndex.Entry?
        var stamp: OutputStamp
        var exists: Bool
    }

    private enum BuildResult: Sendable {
        case written(fingerprint: String, stamp: OutputStamp)
        /// The model is what the file already holds.
        case kept(fingerprint: String)
        case failed(BuildFailure)
    }

    /// Builds every task, two or more at a time; returns each task's result, in task order.
    private func build(_ tasks: [BuildTask], into outbox: String, progress: (@Sendable (Int, Int) -> Void)?)
        -> [BuildResult]
    {
        let results = ResultBox<BuildResult>(count: tasks.count)
        let fileSystem = self.fileSystem
        DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
            let task = tasks[index]
            let target = outbox + "/" + task.job.path
            let folder = (target as NSString).deletingLastPathComponent
            var result: BuildResult
            do {
                // One build, at the stamp the file gets if its content changed; the fingerprint leaves the
                // stamp out, so it says whether the content did.
                let built = try task.job.value(task.stamp)
                let fingerprint = built.fingerprint
                let previous = task.previous
                if previous?.fingerprint == fingerprint, task.exists {
                    result = .kept(fingerprint: fingerprint)
                } else {
                    // Unchanged content whose file is gone keeps the stamp it was first built with.
                    let stamp =
                        previous?.fingerprint == fingerprint ? (previous?.stamp ?? task.stamp) : task.stamp
                    let value = stamp == task.stamp ? built : try task.job.value(stamp)
                    try SafeFolder.makeForWriting(folder, outbox: outbox)
                    let temporary = fileSystem.temporaryPath(in: folder, suffix: value.suffix)
                    do {
                        try value.write(to: temporary)
                    } catch {
                        try? fileSystem.removeIfPresent(temporary)
                        throw error
                    }
                    try fileSystem.publish(temporary, as: target)
                    result = .written(fingerprint: fingerprint, stamp: stamp)
                }
            } catch let error as LedgerError {
                result = .failed(BuildFailure(text: "\(error)", isDisk: true))
            } catch {
                result = .failed(BuildFailure(text: "\(error)", isDisk: false))
            }
            let done = results.set(index, result)
            progress?(done, tasks.count)
        }
        return results.values.map { $0 ?? .failed(BuildFailure(text: "not built", isDisk: false)) }
    }

    /// Each batch with people, as an output context (today, the journal's position and last change time).
    private func contexts() throws -> [OutputContext] {
        try session.states.filter { !$0.members.isEmpty }.map { try session.outputContext(for: $0, clock: clock) }
    }

    /// A batch's clearance progress over time (replayed from its journal once, then kept up to date).
    func clearanceProgress(of batch: Batch) throws -> ClearanceProgress {
        guard let ledger = session.ledgers[batch.id] else { return ClearanceProgress() }
        return try ledger.clearanceProgress(in: clock.zone, today: clock.today())
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
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]
    private var done = 0

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) -> Int {
        lock.lock()
        defer { lock.unlock() }
        storage[index] = value
        done += 1
        return done
    }

    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

/// The fingerprint (and stamp) each output was last built from, kept as `ledger/outputs.tsv`.
///
/// Each line is: the path under `outbox/`, the fingerprint (of its model), the ledger position (journal sequence
/// of its batch), the time it was built at, and the inputs digest it was last built or checked with. A missing file is an empty record; a file that cannot be read or a line that
/// cannot be decoded is an error, never "empty" (an empty record would remove every output from the outbox).
struct OutputIndex {
    struct Entry: Sendable {
        var fingerprint: String
        var stamp: OutputStamp?
        /// The inputs digest the output was last built or checked with; empty when unknown (an older index).
        var inputs = ""
    }

    let path: String
    var entries: [String: Entry] = [:]
    /// The round key (``OutputInputs/round``) of the last regeneration that built all it planned; empty when none
    /// did. Kept as the first line, `#round` and the key.
    var round = ""

    static let roundMarker = "#round"

    init(path: String, store: LedgerStore) throws(LedgerError) {
        self.path = path
        for (number, fields) in try StateFile.lines(path, store: store) {
            if fields.first == Self.roundMarker, fields.count == 2 {
                round = fields[1]
                continue
            }
            guard fields.count == 2 || fields.count == 4 || fields.count == 5, !fields[0].isEmpty else {
                throw LedgerError(
                    .stateDamaged(file: path, line: number, reason: "a line has \(fields.count) fields, not 5"))
            }
            var stamp: OutputStamp?
            if fields.count >= 4, !fields[2].isEmpty {
                guard let sequence = Int(fields[2]), sequence >= 0 else {
                    throw LedgerError(
                        .stateDamaged(
                            file: path, line: number,
                            reason: "\(fields[2].debugDescription) is not a ledger position"))
                }
                stamp = OutputStamp(sequence: sequence, generatedAt: fields[3])
            }
            entries[fields[0]] = Entry(fingerprint: fields[1], stamp: stamp, inputs: fields.count == 5 ? fields[4] : "")
        }
    }

    /// Per batch folder name, the furthest ledger position an output in that folder was stamped with.
    var furthestSequence: [String: Int] {
        var furthest: [String: Int] = [:]
        for (path, entry) in entries {
            guard let sequence = entry.stamp?.sequence, sequence > 0 else { continue }
            for component in path.utf8.split(separator: UInt8(ascii: "/")) {
                let name = String(decoding: component, as: UTF8.self)
                furthest[name] = max(furthest[name] ?? 0, sequence)
            }
        }
        return furthest
    }

    /// The outputs of `batch`: those with the batch's folder in their path, sorted by path.
    func outputs(of batch: Batch) -> [(path: String, entry: Entry)] {
        entries.filter { $0.key.split(separator: "/").contains { $0 == batch.name } }
            .map { (path: $0.key, entry: $0.value) }.sorted { $0.path < $1.path }
    }

    func save(with store: LedgerStore) throws(LedgerError) {
        var text = round.isEmpty ? "" : LedgerText.line([Self.roundMarker, round])
        for (path, entry) in entries.sorted(by: { $0.key < $1.key }) {
            text += LedgerText.line([
                path, entry.fingerprint, entry.stamp.map { String($0.sequence) } ?? "",
                entry.stamp?.generatedAt ?? "", entry.inputs,
            ])
        }
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
