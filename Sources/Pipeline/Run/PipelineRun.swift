import Clearance
import Foundation
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
    }

    private let session: LedgerSession
    private let clock: RunClock
    private let settleSeconds: Double
    private let logger: Logger

    public init(session: LedgerSession, settleSeconds: Double, clock: RunClock = RunClock(), logger: Logger) {
        self.session = session
        self.clock = clock
        self.settleSeconds = settleSeconds
        self.logger = logger
    }

    public func run() throws -> Summary {
        var summary = Summary()
        let workspace = session.workspace
        let scanner = InboxScanner(settleSeconds: settleSeconds, now: clock.now().timeIntervalSince1970)
        var dropped = DroppedFile(store: session.store, workspace: workspace, clock: clock)
        dropped.journals = workspace.university.batches.compactMap { session.ledgers[$0.id]?.journal }
        var folders: [(path: String, folder: String, college: College?)] = [(workspace.registryInbox, "registry", nil)]
        for college in workspace.university.colleges {
            folders.append((workspace.rosterInbox(college), "colleges/\(college.folder)/roster", college))
        }
        for (path, folder, college) in folders {
            for preview in [false, true] {
                let scanned = preview ? path + "/" + ReturnFolder.previewName : path
                let name = preview ? folder + "/" + ReturnFolder.previewName : folder
                let listing = scanner.scan(scanned, folder: name)
                summary.settling += listing.settling
                for refused in listing.refused {
                    summary.receipts.append(line(try dropped.refuse(refused)))
                    logger.warning("refused \(name)/\(refused.name): \(refused.reason)")
                }
                for file in listing.ready {
                    let receipt: Receipt?
                    if preview {
                        receipt = try dropped.preview(file, for: folder) { sha, _ in
                            try self.intake(file, sha: sha, roster: college, preview: true, resumed: false)
                        }
                    } else {
                        receipt = try dropped.handle(file) { sha, resumed in
                            try self.intake(file, sha: sha, roster: college, preview: false, resumed: resumed)
                        }
                    }
                    guard let receipt else {
                        logger.info("finished interrupted processing of \(name)/\(file.name)")
                        continue
                    }
                    summary.receipts.append(line(receipt))
                    logger.info("\(name)/\(file.name): \(line(receipt).outcome)")
                }
            }
        }
        try processReturns(scanner: scanner, dropped: dropped, into: &summary)
        let strays = StrayFiles.find(in: workspace, scanner: scanner)
        for (file, reason) in strays.sorted(by: { $0.key.path < $1.key.path }) {
            let receipt = try dropped.handle(file) { sha, _ in
                Receipt(
                    fileName: file.name, folder: file.folder, sha256: sha, processedAt: self.clock.localText(),
                    outcome: .rejected(reason: reason))
            }
            if let receipt { summary.receipts.append(line(receipt)) }
            logger.warning("refused \(file.folder)/\(file.name): \(reason)")
        }
        try session.writeSnapshots()
        return summary
    }

    /// Every settled file of every return folder, oldest first, one at a time (DESIGN.md §3).
    private func processReturns(scanner: InboxScanner, dropped: DroppedFile, into summary: inout Summary) throws {
        var ready: [(file: InboxScanner.Found, folder: ReturnFolder)] = []
        for folder in ReturnFolder.all(session.workspace) {
            let name = folder.isPreview ? folder.relative + "/" + ReturnFolder.previewName : folder.relative
            let listing = scanner.scan(folder.path, folder: name)
            summary.settling += listing.settling
            for refused in listing.refused {
                summary.receipts.append(line(try dropped.refuse(refused)))
                logger.warning("refused \(name)/\(refused.name): \(refused.reason)")
            }
            ready += listing.ready.map { ($0, folder) }
        }
        ready.sort { ($0.file.modified, $0.file.path) < ($1.file.modified, $1.file.path) }
        let processing = ReturnProcessing(session: session, clock: clock)
        for (file, folder) in ready {
            let receipt: Receipt?
            if folder.isPreview {
                receipt = try dropped.preview(file, for: folder.relative) { sha, _ in
                    try processing.process(file, folder: folder, sha: sha, preview: true)
                }
            } else {
                receipt = try dropped.handle(file) { sha, resumed in
                    var receipt = try processing.process(file, folder: folder, sha: sha, preview: false)
                    if resumed { try receipt.notes.append(self.resumedNote(sha)) }
                    return receipt
                }
            }
            guard let receipt else { continue }
            summary.receipts.append(line(receipt))
            logger.info("\(file.folder)/\(file.name): \(line(receipt).outcome)")
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

    /// Reads a registry export or roster, journals what it changes (unless previewing), and builds its receipt.
    private func intake(_ file: InboxScanner.Found, sha: String, roster: College?, preview: Bool, resumed: Bool)
        throws -> Receipt
    {
        var receipt = Receipt(
            fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
            outcome: .processed)
        let sheet: PeopleSheet
        do {
            sheet = try PeopleSheet(
                path: file.path, displayName: file.name, university: session.workspace.university,
                roster: roster)
        } catch {
            receipt.outcome = .rejected(reason: error.staffMessage)
            return receipt
        }
        let reference = try session.reference()
        let intake = PeopleIntake(
            university: session.workspace.university, ledgers: session.ledgers, reference: reference)
        let plan = intake.plan(sheet, roster: roster)
        let time = clock.ledgerText()
        for batch in session.workspace.university.batches where !preview {
            guard let changes = plan.changes[batch.id], let ledger = session.ledgers[batch.id] else { continue }
            try ledger.append(changes, time: time, actor: file.folder, source: sha)
        }
        if roster == nil, !preview {
            reference.update(plan.staying + plan.departingEntries(sheet))
            try reference.save(with: session.store)
        }
        receipt.rows = plan.rows
        receipt.counts = [
            .init("新增人员", plan.count(.added)), .init("信息更新", plan.count(.updated)),
            .init("未变化", plan.count(.unchanged)),
        ]
        if roster == nil { receipt.counts.append(.init("非本次离校（仅保存学籍信息）", plan.count(.notDeparting))) }
        receipt.counts.append(.init("有错误未处理的行", plan.count(.error)))
        if !sheet.unknownColumns.isEmpty {
            receipt.notes.append("以下列未识别，已忽略（不会保存或转发）：" + sheet.unknownColumns.joined(separator: "、"))
        }
        receipt.notes.append("表头位于第 \(sheet.headerRow) 行")
        if preview { receipt.notes.insert("这是预览：以上为放入正式文件夹后将发生的结果，本次未做任何更改", at: 0) }
        if resumed { try receipt.notes.append(resumedNote(sha)) }
        return receipt
    }

    private func line(_ receipt: Receipt) -> ReceiptLine {
        let outcome: String =
            switch receipt.outcome {
            case .processed:
                receipt.counts.map { "\($0.label) \($0.value)" }.joined(separator: ", ")
            case .rejected(let reason): "rejected: \(reason)"
            case .duplicate(let first): "duplicate of the file processed at \(first); nothing applied"
            }
        return ReceiptLine(folder: receipt.folder, fileName: receipt.fileName, outcome: outcome)
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

extension IntakeRefusal {
    /// The Chinese reason a receipt gives for refusing the whole file.
    var staffMessage: String {
        switch self {
        case .unreadable(let error): error.staffMessage
        case .noHeader(let expected):
            "前 10 行中找不到表头（需要有「\(expected.prefix(3).joined(separator: "」「"))」等列名之一）"
        case .missingColumns(let columns): "缺少必需的列：" + columns.joined(separator: "、")
        }
    }
}
