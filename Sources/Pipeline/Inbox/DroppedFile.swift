import Clearance
public import Foundation
import Glibc
import Ledger
import Reports

/// The life of one dropped file: fingerprint, duplicate check, archive, processing, receipt, removal.
///
/// The order keeps DESIGN.md §4's promises: the source is archived and every accepted change is in the journal
/// before the receipt exists, and the receipt exists before the file leaves the inbox. A crash anywhere leaves
/// the file in the inbox; processing it again applies nothing twice, because changes are computed against the
/// ledger's current state. The archive's `processed.tsv` marks a removal as `finishing` before the unlink and
/// `done` after it, so a file found again after a crash between the two is only removed, while the same bytes
/// dropped again later get a receipt saying they were processed before.
struct DroppedFile {
    let store: LedgerStore
    let workspace: Workspace
    let clock: RunClock
    /// The journals, so that each line of `processed.tsv` records how far they reached (see ``ArchivePositions``).
    var journals: [Journal] = []

    /// What processing a file yields: its receipt. `resumed` is true when an interrupted earlier run had
    /// already archived these bytes from this folder (its changes may be in the journal already).
    typealias Processor = (_ sha256: String, _ resumed: Bool) throws -> Receipt

    /// Runs `process` for `file` unless its bytes were already processed from the same folder.
    ///
    /// Returns the receipt written, or `nil` when an interrupted earlier run had finished everything but the
    /// removal. Ledger errors (disk full, I/O) propagate and leave the file in the inbox.
    func handle(_ file: InboxScanner.Found, process: Processor) throws -> Receipt? {
        let sha = try SHA256Hex.ofFile(file.path)
        let earlier = try processing(sha, folder: file.folder)
        if let last = earlier.last, last.state == "finishing", last.name == file.name {
            try remove(file.path)
            try mark(sha, file, outcome: last.outcome, state: "done")
            return nil
        }
        // Bytes refused whole before are read again (their receipt gives the reason again); only bytes that
        // were processed count as a duplicate.
        if let first = earlier.first(where: { $0.outcome != "rejected" }) {
            let receipt = Receipt(
                fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
                outcome: .duplicate(firstProcessedAt: first.time))
            try finish(file, sha: sha, receipt: receipt, outcome: "duplicate")
            return receipt
        }
        let resumed = try store.archive.contains(sha)
        _ = try store.archive.store(file: file.path, sha256: sha, originalName: file.name)
        let receipt = try process(sha, resumed)
        let outcome: String =
            switch receipt.outcome {
            case .processed: "processed"
            case .rejected: "rejected"
            case .duplicate: "duplicate"
            }
        try finish(file, sha: sha, receipt: receipt, outcome: outcome)
        return receipt
    }

    /// Answers a file in a preview folder with the receipt of what would happen, changes nothing, and removes it.
    ///
    /// `folder` is the real folder the preview stands for: bytes already processed there preview as a duplicate.
    func preview(_ file: InboxScanner.Found, for folder: String, process: Processor) throws -> Receipt {
        let sha = try SHA256Hex.ofFile(file.path)
        let receipt: Receipt
        if let first = try processing(sha, folder: folder).first(where: { $0.outcome != "rejected" }) {
            receipt = Receipt(
                fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
                outcome: .duplicate(firstProcessedAt: first.time))
        } else {
            receipt = try process(sha, false)
        }
        try publish(receipt, folder: file.folder, name: file.name, sha: nil, suffix: ".预览回执.xlsx")
        try remove(file.path)
        return receipt
    }

    /// Answers a file that is never read (a link, a device, a file in a folder that takes none) and removes
    /// its directory entry.
    func refuse(_ refused: InboxScanner.Refused) throws -> Receipt {
        let receipt = Receipt(
            fileName: refused.name, folder: refused.folder, sha256: "（未读取）",
            processedAt: clock.localText(), outcome: .rejected(reason: refused.reason))
        try publish(receipt, folder: refused.folder, name: refused.name, sha: nil)
        try remove(refused.path)
        return receipt
    }

    /// One line of the archive's `processed.tsv` for these bytes.
    private struct Processed {
        var time: String
        var name: String
        var outcome: String
        var state: String
    }

    /// What was recorded for `sha` dropped in `folder`, oldest first.
    private func processing(_ sha: String, folder: String) throws(LedgerError) -> [Processed] {
        try store.archive.processing(sha).compactMap { fields in
            guard fields.count >= 4, fields[1] == folder else { return nil }
            // Lines are: time, folder, name, outcome, state (lines without a state are finished), and the
            // journals' positions (see ArchivePositions).
            return Processed(
                time: fields[0], name: fields[2], outcome: fields[3],
                state: fields.count >= 5 ? fields[4] : "done")
        }
    }

    private func mark(_ sha: String, _ file: InboxScanner.Found, outcome: String, state: String) throws {
        try store.archive.recordProcessing(
            sha,
            fields: [
                clock.localText(), file.folder, file.name, outcome, state, ArchivePositions.text(of: journals),
            ])
    }

    private func finish(_ file: InboxScanner.Found, sha: String, receipt: Receipt, outcome: String) throws {
        try publish(receipt, folder: file.folder, name: file.name, sha: sha)
        try mark(sha, file, outcome: outcome, state: "finishing")
        try remove(file.path)
        try mark(sha, file, outcome: outcome, state: "done")
    }

    /// Writes the receipt workbook to the dropper's `回执/` folder atomically, and a copy beside the source.
    private func publish(
        _ receipt: Receipt, folder: String, name: String, sha: String?, suffix: String = ".回执.xlsx"
    ) throws {
        let directory = workspace.receiptFolder(forInboxFolder: folder)
        try FileSystem.live.createFolders(directory)
        let temporary = FileSystem.live.temporaryPath(in: directory, suffix: ".xlsx")
        defer { unlink(temporary) }
        try ReceiptWorkbook.write(receipt, to: temporary)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: temporary)))
        let receiptName = ReceiptName.make(name, suffix: suffix)
        try store.writeAtomically(bytes, to: directory + "/" + receiptName)
        if let sha { try store.archive.storeReceipt(sha, name: receiptName, bytes: bytes) }
    }

    /// Removes the file's directory entry and makes the removal durable.
    private func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw LedgerError(.io(operation: "unlink", path: path, errno: errno))
        }
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}

/// Receipt file names: `<original name><suffix>`, shortened (keeping the start, adding a short hash) when that
/// would not fit a file name's 255 bytes.
enum ReceiptName {
    static let maximumBytes = 255

    static func make(_ name: String, suffix: String) -> String {
        guard (name + suffix).utf8.count > maximumBytes else { return name + suffix }
        let tag = "…" + String(SHA256Hex.of(Array(name.utf8)).prefix(8))
        let budget = maximumBytes - suffix.utf8.count - tag.utf8.count
        var kept = ""
        for character in name {
            if kept.utf8.count + String(character).utf8.count > budget { break }
            kept.append(character)
        }
        return kept + tag + suffix
    }
}

/// The run's clock: UTC timestamps for the ledger, local time for staff.
public struct RunClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// UTC with offset, for the journal.
    func ledgerText() -> String { Timestamp.utc(now()) }

    /// Local wall-clock time for receipts: `2027-06-01 09:30:12`.
    func localText() -> String { LocalTime.text(now()) }
}

/// Formats times in the machine's zone for staff.
enum LocalTime {
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// Converts a stored UTC timestamp to local display text (the input unchanged if it does not parse).
    static func text(fromLedger stored: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = parser.date(from: stored) { return text(date) }
        parser.formatOptions = [.withInternetDateTime]
        return parser.date(from: stored).map(text) ?? stored
    }
}

/// Ledger timestamps as staff read them.
public enum LedgerTimeText {
    /// A stored UTC timestamp in the machine's local time (`2027-06-01 09:30:12`).
    public static func local(_ stored: String) -> String { LocalTime.text(fromLedger: stored) }
}

extension LocalTime {
    /// The local calendar day of `date`.
    static func day(_ date: Date) -> Day {
        let parts = Calendar.current.dateComponents(in: TimeZone.current, from: date)
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The local calendar day of a stored UTC timestamp (`2027-06-01T01:30:00.000+00:00`).
    ///
    /// Parsed by position, since a journal replay converts every record: the UTC hour is turned into a local
    /// day with the zone's offset at that instant.
    static func day(fromLedger stored: String) -> Day? {
        let bytes = Array(stored.utf8.prefix(13))
        guard bytes.count == 13, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
            let hour = number(11..<13)
        else { return nil }
        let utcDay = Day(year: year, month: month, day: dayOfMonth)
        let seconds = Double(Day(year: 1970, month: 1, day: 1).days(until: utcDay) * 86_400 + hour * 3_600)
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: seconds))
        let localHour = hour + offset / 3_600
        if localHour >= 24 { return Day(ordinalFrom: utcDay, adding: 1) }
        if localHour < 0 { return Day(ordinalFrom: utcDay, adding: -1) }
        return utcDay
    }
}
