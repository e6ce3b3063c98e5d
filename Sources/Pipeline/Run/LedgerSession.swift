public import Clearance
import Foundation
public import Ledger
import Reports

/// The ledger opened for one command: the lock held, every configured batch loaded.
public final class LedgerSession {
    public let workspace: Workspace
    public let store: LedgerStore
    let ledgers: [String: BatchLedger]
    /// `ledger/outputs.tsv` as read when the session opened and as the regenerator last saved it (the lock keeps
    /// every other writer out).
    var outputIndex: OutputIndex
    /// Everyone with student status from the registry exports, read when first needed (intake, applications).
    private var cachedReference: RegistryReference?
    /// Each batch's closure, read when first needed.
    private var cachedClosures: [String: BatchClosure]?
    /// Signs and verifies the origins of returned sheets with the installation's secret.
    let originSigner: OriginSigner
    /// Whether ``originSigner`` holds the installation's secret (a session opened for reading before any round
    /// made one does not, and must not sign exports).
    public private(set) var signsOrigins = true
    /// Signs the statements of printed departure notices; `nil` in a session opened for reading before any round
    /// made the key.
    public let noticeKey: NoticeKey?
    /// The daemon's kept states, when it gave them.
    private let cache: StateCache?
    /// Things worth logging that happened while opening (torn tails dropped, snapshots rebuilt).
    public private(set) var notes: [String] = []

    /// Takes the ledger's lock, opens every batch's journal and (unless `loadingState` is false: call ``load()``
    /// before reading any state) loads every batch's state.
    ///
    /// Throws `.locked` if another lixiao holds it; `.damaged` when a journal is damaged before its tail or a
    /// record cannot be decoded; `.snapshotDamaged` when a snapshot fails its checksum; `.recordsMissing` when a
    /// journal ends before what its snapshot, `outputs.tsv` or the archive's `processed.tsv` shows; `.ledgerMissing` or `.batchMissing` when the
    /// ledger or a batch folder is gone where a season ran (checked before anything is created).
    ///
    /// `cache` (a daemon's) supplies the state of each batch whose journal still ends where it did.
    ///
    /// `fileSystem` is the seam every disk call of the session goes through — the ledger's, the outputs' and
    /// receipts' publishing, the archive's — so that tests can fail any of them.
    public init(
        workspace: Workspace, loadingState: Bool = true, cache: StateCache? = nil, fileSystem: FileSystem = .live
    ) throws(LedgerError) {
        self.workspace = workspace
        self.cache = cache
        try LedgerPresence.requireLedgerFolder(workspace)
        store = try LedgerStore(root: workspace.ledger, fileSystem: fileSystem)
        try LedgerPresence.requireRegistryReference(workspace)
        let outputs = try OutputIndex(path: workspace.ledger + "/outputs.tsv", store: store)
        let furthest = outputs.furthestSequence
        var ledgers: [String: BatchLedger] = [:]
        for batch in workspace.university.batches {
            try LedgerPresence.requireBatchFolder(batch, workspace: workspace, outputs: outputs)
            let ledger = try BatchLedger(batch: batch, store: store)
            try LedgerPresence.requireOutputsWithin(ledger.journal, batch: batch, outputs: outputs, furthest: furthest)
            if let torn = ledger.journal.recoveredTail {
                notes.append(
                    "journal of \(batch.id): dropped a torn last record (\(torn.droppedBytes) bytes, \(torn.reason))")
            }
            ledgers[batch.id] = ledger
        }
        self.ledgers = ledgers
        outputIndex = outputs
        // The archive is the witness left when a snapshot or the outputs record is gone too; reading every
        // processed.tsv costs a little, so only then.
        if outputs.entries.isEmpty || ledgers.values.contains(where: { !$0.hasSnapshot }) {
            try Self.requireArchivedWithin(ledgers, workspace: workspace, store: store)
        }
        for batch in workspace.university.batches {
            if loadingState {
                try ledgers[batch.id]?.load(cache: cache)
            } else {
                try ledgers[batch.id]?.checkSnapshot(cache: cache)
            }
        }
        let secret = try store.secret(positions: ledgers.mapValues { $0.journal.lastSequence })
        if secret.isNew, !secret.madeAfter.isEmpty {
            notes.append(
                "ledger/\(LedgerStore.secretFileName) was missing and has been made again: sheets exported before "
                    + "cannot be verified and their returns will be refused")
        }
        originSigner = .keyed(with: secret)
        noticeKey = try NoticeKey.of(store, creating: true)
    }

    /// Opens the ledger for reading, without its lock (``LedgerStore/init(readingAt:fileSystem:)``): `show`,
    /// `history`, `stats`, `verify` and `export` answer while a round runs, from the state the last finished round
    /// left, and never make a round wait.
    ///
    /// With `person`, each batch holds only that person's record (what `show` needs). Nothing is created or
    /// changed; a batch without a journal reads as empty. ``signsOrigins`` is false when the installation has no
    /// secret yet (no round ever ran).
    public init(reading workspace: Workspace, person: PersonID? = nil, wholeJournals: Bool = false)
        throws(LedgerError)
    {
        self.workspace = workspace
        cache = nil
        try LedgerPresence.requireLedgerFolder(workspace)
        store = LedgerStore(readingAt: workspace.ledger, untilSnapshots: !wholeJournals)
        try LedgerPresence.requireRegistryReference(workspace)
        // The outputs record before the journals: a round saves its snapshots before it, so the snapshots read
        // after it are at least as far as any output it records.
        let outputs = try OutputIndex(path: workspace.ledger + "/outputs.tsv", store: store)
        outputIndex = outputs
        let furthest = outputs.furthestSequence
        var ledgers: [String: BatchLedger] = [:]
        for batch in workspace.university.batches {
            try LedgerPresence.requireBatchFolder(batch, workspace: workspace, outputs: outputs)
            guard store.hasJournal(batch: batch.id) else { continue }
            let ledger = try BatchLedger(batch: batch, store: store)
            try LedgerPresence.requireOutputsWithin(ledger.journal, batch: batch, outputs: outputs, furthest: furthest)
            try ledger.load(only: person)
            ledgers[batch.id] = ledger
        }
        self.ledgers = ledgers
        // The archive records each file as it is answered, so during a round it runs ahead of the snapshots.
        if !store.writerWasActive, outputs.entries.isEmpty || ledgers.values.contains(where: { !$0.hasSnapshot }) {
            try Self.requireArchivedWithin(ledgers, workspace: workspace, store: store)
        }
        if store.writerWasActive {
            notes.append("a round is running: this is the state the last finished round left")
        }
        let secret = try store.existingSecret()
        signsOrigins = secret != nil
        originSigner = .keyed(with: secret ?? LedgerSecret(key: [], madeAfter: [:], isNew: false))
        noticeKey = try NoticeKey.of(store, creating: false)
    }

    /// Refuses journals that end before a position the archive's `processed.tsv` records.
    private static func requireArchivedWithin(
        _ ledgers: [String: BatchLedger], workspace: Workspace, store: LedgerStore
    ) throws(LedgerError) {
        let furthest = try ArchivePositions.furthest(in: store.archive)
        for batch in workspace.university.batches {
            guard let journal = ledgers[batch.id]?.journal, let shown = furthest[batch.id],
                shown.sequence > journal.lastSequence
            else { continue }
            throw LedgerError(
                .recordsMissing(
                    journal: journal.path, batch: batch.id, lastSequence: journal.lastSequence,
                    shownSequence: shown.sequence, shownBy: shown.file))
        }
    }

    /// Loads every batch's state (the snapshot and the journal after it); loading again does nothing.
    public func load() throws(LedgerError) {
        for batch in workspace.university.batches { try ledgers[batch.id]?.load(cache: cache) }
    }

    /// Whether a batch's snapshot is missing, behind its journal or of an earlier version: loading the states
    /// (and ending the round) writes it.
    public var snapshotsNeedWriting: Bool {
        ledgers.values.contains { !$0.journal.snapshotIsCurrent && ($0.journal.lastSequence > 0 || $0.hasSnapshot) }
    }

    /// Whether every batch's state is loaded.
    public var isLoaded: Bool { ledgers.values.allSatisfy(\.isLoaded) }

    /// Everyone with student status from the registry exports (`ledger/registry.tsv`), read on first use.
    func reference() throws(LedgerError) -> RegistryReference {
        if let cachedReference { return cachedReference }
        let reference = try RegistryReference(ledgerRoot: workspace.ledger, store: store)
        cachedReference = reference
        return reference
    }

    /// How each batch stands, closed or open (`ledger/<batch>/closure.tsv`), read on first use.
    public func closures() throws(LedgerError) -> [String: BatchClosure] {
        if let cachedClosures { return cachedClosures }
        var closures: [String: BatchClosure] = [:]
        for batch in workspace.university.batches {
            closures[batch.id] = try BatchClosure.read(batch, workspace: workspace, store: store)
        }
        cachedClosures = closures
        return closures
    }

    /// Closes or reopens `batch`, recording when, by whom and why; returns how it stood before.
    func setClosed(_ closes: Bool, batch: Batch, by: String, reason: String, time: String) throws(LedgerError)
        -> BatchClosure
    {
        var closure = try closures()[batch.id] ?? BatchClosure()
        let before = closure
        try closure.record(
            BatchClosure.Event(time: time, closes: closes, by: by, reason: reason), batch: batch,
            workspace: workspace, store: store)
        cachedClosures?[batch.id] = closure
        return before
    }

    /// The state of each batch, in pipeline order.
    public var states: [BatchState] {
        workspace.university.batches.compactMap { ledgers[$0.id]?.state }
    }

    /// Every advisor the registry or the rosters name for a departing person: 工号 → name (the first non-empty
    /// one seen), only 工号 that are safe folder names.
    public var advisors: [String: String] {
        var result: [String: String] = [:]
        for state in states {
            for record in state.members where record.person.hasAdvisor {
                let id = record.person.advisorID
                guard OutputPlan.isSafeFolderName(id) else { continue }
                if result[id, default: ""].isEmpty { result[id] = record.person.advisorName }
            }
        }
        return result
    }

    /// The batch a person departs in now, and their record there.
    public func find(_ id: PersonID) -> (state: BatchState, record: PersonRecord)? {
        for state in states where state.isMember(id) {
            if let record = state[id] { return (state, record) }
        }
        return nil
    }

    /// The batch a person departs in now and their record there; or, for a person departing nowhere whom their
    /// college withdrew, the batch of the latest withdrawal and their record there (for `show`).
    public func lookup(_ id: PersonID) -> (state: BatchState, record: PersonRecord)? {
        if let found = find(id) { return found }
        let withdrawn = states.compactMap { state -> (state: BatchState, record: PersonRecord)? in
            guard let record = state[id], record.withdrawal != nil else { return nil }
            return (state, record)
        }
        return withdrawn.max { ($0.record.withdrawal?.time ?? "") < ($1.record.withdrawal?.time ?? "") }
    }

    /// The batches `id` moved out of (转出), with each move, in pipeline order.
    public func movesOut(_ id: PersonID) -> [(batch: Batch, transfer: Transfer)] {
        states.compactMap { state in
            guard let record = state[id], case .movedOut(let transfer) = record.membership(in: state.batch.id),
                record.withdrawal == nil
            else { return nil }
            return (state.batch, transfer)
        }
    }

    /// The name a file had when it was dropped (from the archive's record of it), or the start of its SHA-256.
    public func droppedName(_ sha: String) -> String {
        guard !sha.isEmpty else { return "" }
        let dropped = (try? store.archive.processing(sha))?.first.flatMap { $0.count > 2 ? $0[2] : nil }
        return dropped ?? String(sha.prefix(12))
    }

    /// Every journal record about one person, across batches, oldest first.
    public func history(_ id: PersonID) throws -> [(batch: Batch, record: JournalRecord)] {
        var result: [(batch: Batch, record: JournalRecord)] = []
        for batch in workspace.university.batches {
            guard let ledger = ledgers[batch.id] else { continue }
            try ledger.journal.forEach(from: 1) { record in
                if record.entry.person == id.rawValue { result.append((batch, record)) }
            }
        }
        return result.sorted { ($0.record.entry.time, $0.record.sequence) < ($1.record.entry.time, $1.record.sequence) }
    }

    /// Removes the hidden temporary files (`.lixiao-*.tmp`) a crash left under the outbox and the ledger, never
    /// under the inbox (its files are staff's) and never through a symbolic link; returns their paths.
    ///
    /// Safe only because the session holds the ledger's lock: every writer of such files holds it too.
    public func removeLeftoverTemporaryFiles() throws(LedgerError) -> [String] {
        let inbox: Set<String> = [workspace.inbox]
        return try fileSystem.removeLeftoverTemporaryFiles(under: workspace.outbox, excluding: inbox)
            + fileSystem.removeLeftoverTemporaryFiles(under: workspace.ledger, excluding: inbox)
    }

    /// The seam the session's disk calls go through.
    public var fileSystem: FileSystem { store.fileSystem }

    /// Writes every batch's snapshot.
    public func writeSnapshots() throws(LedgerError) {
        for ledger in ledgers.values { try ledger.writeSnapshot(university: workspace.university) }
    }
}
