import Clearance
import Foundation
import Glibc
public import Logging
import Reports

/// One round of inbox processing (`lixiao run`): intake of the registry, then every college roster.
///
/// Files are processed one at a time, oldest first, each all-or-nothing. A ledger error (disk full, I/O)
/// stops the round at once: the file being processed stays in the inbox and the ledger is as it was.
public final class PipelineRun {
    public struct Summary: Sendable {
        public var receipts: [ReceiptLine] = []
        /// Files skipped because they changed within the settle window.
        public var settling: [String] = []
    }

    /// One processed file, for the command's output.
    public struct ReceiptLine: Sendable {
        public var folder: String
        public var fileName: String
        public var outcome: String
        /// Why the file was refused whole, in Chinese as its receipt says; `nil` when it was not.
        public var refusal: String?
    }

    private let session: LedgerSession
    private let clock: RunClock
    private let settleSeconds: Double
    private let logger: Logger
    private let loader: SheetLoader
    private let tracker: SettleTracker
    private let waitsForSettling: Bool
    /// Asked before each file: once it says yes (the daemon was told to stop), the file in hand is finished and
    /// the rest wait in the inbox for the next start.
    private let shouldStop: @Sendable () -> Bool
    /// Files taken in hand this round: a stop asked for before the first is still taken is honoured after it, so
    /// a round that has begun always answers at least the oldest file.
    private var taken = 0

    private func stopNow() -> Bool { taken > 0 && shouldStop() }

    /// `loader` reads dropped files (isolated in a child process by the commands); `tracker` remembers how inbox
    /// files looked across rounds (the daemon keeps one); `waitsForSettling` makes the round wait, at most the
    /// settle window, for files still being copied (what `lixiao run` does) instead of leaving them for later.
    public init(
        session: LedgerSession, settleSeconds: Double, clock: RunClock = RunClock(), logger: Logger,
        loader: SheetLoader = .inProcess, tracker: SettleTracker = SettleTracker(), waitsForSettling: Bool = false,
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) {
        self.shouldStop = shouldStop
        self.session = session
        self.clock = clock
        self.settleSeconds = settleSeconds
        self.logger = logger
        self.loader = loader
        self.tracker = tracker
        self.waitsForSettling = waitsForSettling
    }

    public func run() throws -> Summary {
        var summary = Summary()
        let workspace = session.workspace
        var tree = InboxTree(inbox: workspace.inbox)
        var scanner = InboxScanner(
            settleSeconds: settleSeconds, now: clock.now().timeIntervalSince1970, tracker: tracker)
        if waitsForSettling {
            // `cp file inbox/…; lixiao run` takes the file: wait for copies still in progress, at most the window.
            // The first look records how each file looked; the deadline runs from then, with room for one more
            // look after the window however slowly a loaded machine walks the tree.
            var settling = hasSettling(tree, scanner)
            let deadline = SettleTracker.monotonic() + settleSeconds + 1
            while settling, SettleTracker.monotonic() < deadline {
                usleep(200_000)
                tree = InboxTree(inbox: workspace.inbox)
                scanner = InboxScanner(
                    settleSeconds: settleSeconds, now: clock.now().timeIntervalSince1970, tracker: tracker)
                settling = hasSettling(tree, scanner)
            }
        }
        // The states are loaded only for a round with something to look at: an empty inbox reads none.
        if tree.holdsEntries { try session.load() }
        var dropped = DroppedFile(store: session.store, workspace: workspace, clock: clock, loader: loader)
        dropped.journals = workspace.university.batches.compactMap { session.ledgers[$0.id]?.journal }
        var answered: Set<String> = []
        var folders: [(folder: String, college: College?)] = [("registry", nil)]
        for college in workspace.university.colleges {
            folders.append(("colleges/\(college.folder)/roster", college))
        }
        for (folder, college) in folders {
            for preview in [false, true] {
                let name = preview ? folder + "/" + ReturnFolder.previewName : folder
                answered.insert(name)
                let listing = scanner.scan(tree, folder: name)
                summary.settling += listing.settling
                try answer(listing.refused, dropped: dropped, into: &summary)
                for file in listing.ready where !stopNow() {
                    taken += 1
                    let receipt: Receipt?
                    if preview {
                        receipt = try dropped.preview(file, for: folder) { opened, _ in
                            try self.intake(opened, roster: college, preview: true, resumed: false)
                        }
                    } else {
                        receipt = try dropped.handle(file) { opened, resumed in
                            try self.intake(opened, roster: college, preview: false, resumed: resumed)
                        }
                    }
                    guard let receipt else { continue }
                    summary.receipts.append(line(receipt))
                    logger.info("\(Printable.text(name))/\(Printable.text(file.name)): \(line(receipt).outcome)")
                }
            }
        }
        let returnFolders = ReturnFolder.all(workspace, tree: tree)
        answered.formUnion(returnFolders.map(\.scannedName))
        try processReturns(returnFolders, tree: tree, scanner: scanner, dropped: dropped, into: &summary)
        // Every other folder takes no files: each is answered with where it belongs, and links there too.
        for folder in tree.folders.keys.sorted() where !answered.contains(folder) {
            let listing = scanner.scan(tree, folder: folder)
            try answer(listing.refused, dropped: dropped, into: &summary)
            summary.settling += listing.settling
            let reason = StrayFiles.reason(for: folder, workspace.university)
            for file in listing.ready where !stopNow() {
                taken += 1
                let receipt = try dropped.handle(file) { opened, _ in
                    Receipt(
                        fileName: file.name, folder: file.folder, sha256: opened.sha256,
                        processedAt: self.clock.localText(), outcome: .rejected(reason: reason))
                }
                guard let receipt else { continue }
                summary.receipts.append(line(receipt))
                logger.info("refused \(Printable.text(file.folder))/\(Printable.text(file.name)): \(reason)")
            }
        }
        // Once per archive: copies an earlier version kept of files answered long ago are let go too.
        let released = try session.store.archive.releaseAnsweredSources()
        if released > 0 {
            logger.notice("removed the archived copies of \(released) files answered before copies were released")
        }
        try session.writeSnapshots()
        return summary
    }

    /// Whether any file anywhere in the inbox is still changing.
    private func hasSettling(_ tree: InboxTree, _ scanner: InboxScanner) -> Bool {
        tree.folders.keys.contains { !scanner.scan(tree, folder: $0).settling.isEmpty }
    }

    /// Answers entries that are never read (links, FIFOs, devices, hard links), each once.
    private func answer(_ refused: [InboxScanner.Refused], dropped: DroppedFile, into summary: inout Summary)
        throws
    {
        for entry in refused {
            guard let receipt = try dropped.refuse(entry) else { continue }
            summary.receipts.append(line(receipt))
            logger.info("refused \(Printable.text(entry.folder))/\(Printable.text(entry.name)): \(entry.reason)")
        }
    }

    /// Every settled file of every return folder, oldest first, one at a time (DESIGN.md §3).
    private func processReturns(
        _ folders: [ReturnFolder], tree: InboxTree, scanner: InboxScanner, dropped: DroppedFile,
        into summary: inout Summary
    ) throws {
        var ready: [(file: InboxScanner.Found, folder: ReturnFolder)] = []
        for folder in folders {
            let listing = scanner.scan(tree, folder: folder.scannedName)
            summary.settling += listing.settling
            try answer(listing.refused, dropped: dropped, into: &summary)
            ready += listing.ready.map { ($0, folder) }
        }
        ready.sort {
            ($0.file.modified, $0.file.folder, $0.file.name) < ($1.file.modified, $1.file.folder, $1.file.name)
        }
        let processing = ReturnProcessing(session: session, clock: clock)
        for (file, folder) in ready where !stopNow() {
            taken += 1
            let receipt: Receipt?
            if folder.isPreview {
                receipt = try dropped.preview(file, for: folder.relative) { opened, _ in
                    try processing.process(opened, folder: folder, sha: opened.sha256, preview: true)
                }
            } else {
                receipt = try dropped.handle(file) { opened, resumed in
                    var receipt = try processing.process(opened, folder: folder, sha: opened.sha256, preview: false)
                    if resumed { try receipt.notes.append(self.resumedNote(opened.sha256)) }
                    return receipt
                }
            }
            guard let receipt else { continue }
            summary.receipts.append(line(receipt))
            logger.info("\(Printable.text(file.folder))/\(Printable.text(file.name)): \(line(receipt).outcome)")
        }
    }

    /// Says how many changes an interrupted earlier run already journalled from these bytes, since rows it
    /// applied now read as unchanged.
    private func resumedNote(_ sha: String) throws -> String {
        var count = 0
        for ledger in session.ledgers.values {
            try ledger.journal.forEach(from: 1) { record in if record.entry.source == sha { count += 1 } }
        }
        return "本文件上次处理时中断；中断前已记入账本的 \(count) 项更改保留有效，本次显示为「未变化」，不会重复应用"
    }

    /// Reads a registry export, roster or withdrawal list, journals what it changes (unless previewing), and builds
    /// its receipt.
    private func intake(_ file: DroppedFile.Opened, roster: College?, preview: Bool, resumed: Bool) throws -> Receipt {
        var receipt = try PeopleProcessing(session: session, clock: clock).process(
            file, roster: roster, preview: preview)
        if resumed { try receipt.notes.append(resumedNote(file.sha256)) }
        return receipt
    }

    private func line(_ receipt: Receipt) -> ReceiptLine {
        let outcome: String =
            switch receipt.outcome {
            // The terminal speaks English; the reasons staff read stay in the Chinese receipt.
            case .processed:
                Receipt.RowResult.allCases.compactMap { result in
                    let count = receipt.rows.filter { $0.result == result }.count
                    return count == 0 ? nil : "\(count) \(result.term)"
                }.joined(separator: ", ").nonEmpty ?? "no data rows"
            case .rejected: "refused whole, nothing applied (the receipt says why; lixiao inspect shows the file)"
            case .duplicate(let first, let name): "same bytes as \(name), processed at \(first); nothing applied"
            }
        var refusal: String?
        if case .rejected(let reason) = receipt.outcome { refusal = reason }
        return ReceiptLine(folder: receipt.folder, fileName: receipt.fileName, outcome: outcome, refusal: refusal)
    }
}

extension PeopleIntake.Plan {
    /// The departing people of a registry file, as reference entries.
    func departingEntries(_ sheet: PeopleSheet) -> [RegistryReference.Entry] {
        sheet.lines.compactMap { line in
            guard case .departing(let person) = line.entry else { return nil }
            let batchText = person.batch
            return RegistryReference.Entry(person: person, batchText: batchText)
        }
    }
}

extension String {
    /// The text, or `nil` when it is empty.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
