public import Clearance
import Foundation
import Glibc
public import Ledger
import Sheets

/// What `lixiao purge` lets go of a closed batch once the retention period has passed, and what it keeps.
///
/// Gone: every journal record's personal payload (names and the rest of each profile, remarks, withdrawal
/// reasons, issuance sources — replaced by their salted commitments, so the hash chain and `verify` still prove
/// every record), the snapshot's names and profiles (rebuilt from the purged journal), the registry's and the
/// notice list's rows of the batch's people, every received file's copy and receipts (in the archive and in the
/// outbox) that concern them, with those files' names, and every list and notice of the batch in the outbox.
/// Kept: each person's 学工号 and what the statistics count by — college, class, level, building, whether they
/// have student status and an advisor — every status, issuance and withdrawal with its time and folder, and the
/// files' hashes: the batch's statistics (per item, college and day) come out as before.
public struct PurgePlan: Sendable {
    public var batch: Batch
    /// When the batch was closed (local time) and the day its retention ends.
    public var closedAt: String
    public var dueDays: Int
    /// The people of the batch (members, withdrawn, moved out).
    public var people: Int
    /// Journal records whose payload goes.
    public var records: Int
    /// Whether the journal is of an earlier format and is sealed again first.
    public var reseals: Bool
    /// Archived files (SHA-256) whose copies, receipts and names go.
    public var archived: [String]
    /// Receipts in the outbox that name someone of the batch (relative to `outbox/`).
    public var receipts: [String]
    /// Rows of `registry.tsv` and `notices.tsv` that go.
    public var registryRows: Int
    public var noticeRequests: Int
}

/// Why a batch cannot be purged now.
public enum PurgeRefusal: Sendable, Equatable {
    case notClosed
    /// Its retention period ends after this many more days (closed at this local time).
    case retained(closedAt: String, daysLeft: Int)
    /// It was purged already, at this local time.
    case purged(at: String)
}

extension LedgerSession {
    /// The batches purged so far (`ledger/<batch>/purge.tsv` exists), with the local time of their purge.
    public func purges() throws(LedgerError) -> [String: String] {
        var purged: [String: String] = [:]
        for batch in workspace.university.batches {
            let lines = try StateFile.lines(BatchPurgeRecord.path(workspace, batch: batch), store: store)
            if let last = lines.last?.fields, last.count == BatchPurgeRecord.header.count,
                last[0].trimmingPrefix("\u{FEFF}") != BatchPurgeRecord.header[0]
            {
                purged[batch.id] = last[0]
            }
        }
        return purged
    }

    /// The people of every purged batch (members, withdrawn, moved out): no file may bring their data back.
    public func purgedPeople() throws -> Set<PersonID> {
        let purged = try purges()
        guard !purged.isEmpty else { return [] }
        try load()
        let gone = Set(states.filter { purged[$0.batch.id] != nil }.flatMap { $0.sortedRecords.map(\.person.id) })
        // Someone who moved on to a batch still kept is that batch's.
        let kept = Set(states.filter { purged[$0.batch.id] == nil }.flatMap { $0.members.map(\.person.id) })
        return gone.subtracting(kept)
    }

    /// What purging `batch` now would do, or why it cannot be purged.
    public func purgePlan(_ batch: Batch, clock: RunClock) throws -> Result<PurgePlan, PurgeRefusalError> {
        let purgedAt = try purges()[batch.id]
        guard let closing = try closures()[batch.id]?.standing else {
            return .failure(PurgeRefusalError(.notClosed))
        }
        let retention = workspace.definition.retentionDays
        let parts = closing.time.prefix(10).split(separator: "-").compactMap { Int($0) }
        let closedDay = parts.count == 3 ? Day(year: parts[0], month: parts[1], day: parts[2]) : nil
        let elapsed = closedDay.map { $0.days(until: clock.today()) } ?? 0
        // A batch purged before was due then: what a purge cut short left is finished whatever the period says now.
        guard elapsed >= retention || purgedAt != nil else {
            return .failure(
                PurgeRefusalError(.retained(closedAt: closing.time, daysLeft: retention - max(elapsed, 0))))
        }
        try load()
        guard let ledger = ledgers[batch.id] else { return .failure(PurgeRefusalError(.notClosed)) }
        let people = Set(ledger.state.sortedRecords.map(\.person.id))
        let ids = Set(people.map(\.rawValue))
        var records = 0
        var sources: Set<String> = []
        try ledger.journal.forEach { record in
            if !record.isPurged { records += 1 }
            if !record.entry.source.isEmpty { sources.insert(record.entry.source) }
        }
        // A file named after someone (`孙强-欠书情况说明.xlsx`) names them in its receipts' names and the archive.
        let personNames = Set(ledger.state.sortedRecords.map(\.person.name).filter { (2...4).contains($0.count) })
        let archive = store.archive
        var archived: [String] = []
        for sha in try archive.storedFiles() {
            let names = try archive.storedNames(sha)
            let folder = archive.folder(for: sha)
            let lines = try archive.processing(sha)
            if sources.contains(sha)
                || names.contains(where: { Self.receiptMentions(folder + "/" + $0, ids: ids) })
                || lines.contains(where: { $0.count > 2 && Self.names($0[2], among: personNames) })
            {
                archived.append(sha)
            }
        }
        let receipts = Self.outboxReceipts(workspace.outbox).filter {
            Self.names($0, among: personNames) || Self.receiptMentions(workspace.outbox + "/" + $0, ids: ids)
        }
        let others = Set(states.filter { $0.batch.id != batch.id }.flatMap { $0.sortedRecords.map(\.person.id) })
        let leaving = people.subtracting(others)
        let notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: store).ids
        let registryRows = try reference().count(of: leaving)
        let noticeRequests = notices.intersection(leaving).count
        if let purgedAt, records == 0, receipts.isEmpty, registryRows == 0, noticeRequests == 0,
            try archived.allSatisfy({ try archive.storedNames($0).isEmpty })
        {
            return .failure(PurgeRefusalError(.purged(at: purgedAt)))
        }
        return .success(
            PurgePlan(
                batch: batch, closedAt: closing.time, dueDays: retention, people: people.count, records: records,
                reseals: ledger.journal.isFirstFormat, archived: archived, receipts: receipts,
                registryRows: registryRows, noticeRequests: noticeRequests))
    }

    /// Carries out `plan` under the ledger's lock this session holds. The session must not be used afterwards
    /// (its journal was replaced): open a new one to regenerate the outbox and save the snapshot.
    public func purge(_ plan: PurgePlan, by: String, clock: RunClock) throws -> Journal.Purged {
        let batch = plan.batch
        guard let ledger = ledgers[batch.id] else { throw LedgerError(.badRequest("no batch \(batch.id)")) }
        let people = Set(ledger.state.sortedRecords.map(\.person.id))
        let others = Set(states.filter { $0.batch.id != batch.id }.flatMap { $0.sortedRecords.map(\.person.id) })
        let leaving = people.subtracting(others)
        // The record of the purge first: a purge cut short is finished by running it again, and until then the
        // batch is already treated as purged (no lists, no notices).
        let purged = try ledger.journal.purgedContents { JournalCodec.kept($0.entry) }
        try BatchPurgeRecord.append(
            BatchPurgeRecord(
                time: clock.localText(), by: by, records: purged.records, before: purged.lastHashBefore,
                after: purged.lastHashAfter),
            batch: batch, workspace: workspace, store: store)
        try store.replaceJournal(of: batch.id, with: purged.bytes)
        let reference = try reference()
        reference.remove(leaving)
        try reference.save(with: store)
        var notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: store)
        try notices.remove(leaving, with: store)
        for sha in plan.archived {
            for line in try store.archive.processing(sha) where line.count > 6 && !line[6].isEmpty {
                try removeOutboxFile(line[6])
            }
            try store.archive.purge(sha, redacting: [2, 6], with: BatchPurgeRecord.redactedName)
        }
        for receipt in plan.receipts { try removeOutboxFile(receipt) }
        return purged
    }

    /// Every receipt under the outbox (`…/回执/…`), relative to it; never through a symbolic link.
    static func outboxReceipts(_ outbox: String) -> [String] {
        var found: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: outbox) else { return [] }
        while let relative = walker.nextObject() as? String {
            if let type = walker.fileAttributes?[.type] as? FileAttributeType, type == .typeSymbolicLink {
                walker.skipDescendants()
                continue
            }
            if relative.hasSuffix("回执.xlsx"), relative.split(separator: "/").contains("回执") { found.append(relative) }
        }
        return found.sorted()
    }

    /// Whether `text` holds one of `names` (each two to four characters): every run of two to four characters
    /// is looked up, so a file name is checked against fifty thousand names at the cost of a few dozen lookups.
    static func names(_ text: String, among names: Set<String>) -> Bool {
        guard !names.isEmpty else { return false }
        let characters = Array(text)
        for start in characters.indices {
            for length in 2...4 where start + length <= characters.count {
                if names.contains(String(characters[start..<start + length])) { return true }
            }
        }
        return false
    }

    /// Whether any cell of the workbook at `path` holds one of `ids` (a receipt of a file that concerned them).
    /// A workbook that cannot be read counts as naming them: a purge must not keep what it cannot check.
    static func receiptMentions(_ path: String, ids: Set<String>) -> Bool {
        guard path.hasSuffix(".xlsx") else { return false }
        guard let reader = try? SpreadsheetReader(path: path) else { return true }
        for index in reader.sheets.indices {
            guard let rows = try? reader.rows(inSheet: index) else { return true }
            for row in rows where row.cells.contains(where: { ids.contains($0.text) }) { return true }
        }
        return false
    }

    /// Removes the empty folders named after `batch` under the outbox (its lists' folders, once regeneration has
    /// removed the lists), deepest first; never through a symbolic link, never a folder with anything in it.
    public func removeEmptyFolders(of batch: Batch) {
        let outbox = workspace.outbox
        guard let walker = FileManager.default.enumerator(atPath: outbox) else { return }
        var folders: [String] = []
        while let relative = walker.nextObject() as? String {
            guard let type = walker.fileAttributes?[.type] as? FileAttributeType else { continue }
            if type == .typeSymbolicLink {
                walker.skipDescendants()
            } else if type == .typeDirectory, relative.split(separator: "/").contains(Substring(batch.name)) {
                folders.append(relative)
            }
        }
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(outbox + "/" + folder) }
    }

    /// Removes a file under the outbox named relative to it (never one outside it) through the session's seam.
    private func removeOutboxFile(_ relative: String) throws(LedgerError) {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            return
        }
        try fileSystem.removeIfPresent(workspace.outbox + "/" + relative)
    }
}

/// Why a batch cannot be purged now, as an error.
public struct PurgeRefusalError: Error, Sendable, Equatable {
    public var refusal: PurgeRefusal
    public init(_ refusal: PurgeRefusal) { self.refusal = refusal }
}

/// One purge of a batch, kept as `ledger/<batch>/purge.tsv`: when, by whom, how many records, and the journal's
/// last hash before and after (equal, unless a journal of an earlier format was sealed again).
struct BatchPurgeRecord {
    static let fileName = "purge.tsv"
    static let header = ["时间", "操作人", "清除记录数", "清除前链尾哈希", "清除后链尾哈希"]
    /// What stands in the archive for a file's name once it is purged.
    static let redactedName = "（已清除）"

    var time: String
    var by: String
    var records: Int
    var before: String
    var after: String

    static func path(_ workspace: Workspace, batch: Batch) -> String {
        workspace.ledger + "/" + batch.id + "/" + fileName
    }

    /// The last purge recorded for `batch`, or `nil` when it was never purged.
    static func last(_ workspace: Workspace, batch: Batch, store: LedgerStore) throws(LedgerError) -> BatchPurgeRecord?
    {
        let path = path(workspace, batch: batch)
        guard let fields = try StateFile.lines(path, store: store).last?.fields, fields.count == header.count,
            fields[0].trimmingPrefix("\u{FEFF}") != header[0], let records = Int(fields[2])
        else { return nil }
        return BatchPurgeRecord(time: fields[0], by: fields[1], records: records, before: fields[3], after: fields[4])
    }

    static func append(_ record: BatchPurgeRecord, batch: Batch, workspace: Workspace, store: LedgerStore)
        throws(LedgerError)
    {
        let path = path(workspace, batch: batch)
        var text = "\u{FEFF}" + LedgerText.line(header)
        for (_, fields) in try StateFile.lines(path, store: store) where fields.count == header.count {
            if fields[0].trimmingPrefix("\u{FEFF}") == header[0] { continue }
            text += LedgerText.line(fields)
        }
        text += LedgerText.line([record.time, record.by, String(record.records), record.before, record.after])
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
