import Clearance
import Foundation
import Glibc
import Ledger
import Reports
import Sheets

/// The life of one dropped file: read once, fingerprint, duplicate check, archive, processing, receipt, removal.
///
/// The file is opened once, relative to its folder's descriptor and without following a link
/// (`O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC`), checked with `fstat` (a regular file with one link, the
/// inode the scan saw), and read into memory; those same bytes are hashed, archived and parsed (from the archived
/// copy, by the isolated reader). It leaves the inbox by `unlinkat` on its folder's descriptor, and only if its
/// name still names the inode that was read. A FIFO swapped in after the scan opens without blocking and is
/// refused; a link swapped in fails to open.
///
/// The order keeps DESIGN.md §4's promises: the source is archived and every accepted change is in the journal
/// before the receipt exists, and the receipt exists before the file leaves the inbox. A crash anywhere leaves
/// the file in the inbox; processing it again applies nothing twice, because changes are computed against the
/// ledger's current state. The archive's `processed.tsv` marks a removal as `finishing` before the unlink and
/// `done` after it, so a file found again after a crash between the two is only removed, while the same bytes
/// dropped again later get a receipt saying they were processed before.
///
/// The archived copy lives only while the file is processed: once the file is marked `finishing`, the copy is
/// removed (``Archive/releaseSource(_:)``), so the archive keeps the hash, `processed.tsv` and the receipts — what
/// the ledger needs — and none of the columns a file carried that lixiao does not take in (身份证号, phone
/// numbers …). A copy still there when the same bytes come back means an earlier run was interrupted while
/// processing them (``handle(_:process:)``'s `resumed`).
struct DroppedFile {
    let store: LedgerStore
    let workspace: Workspace
    let clock: RunClock
    let loader: SheetLoader

    /// A dropped file once its bytes are read and kept: what processing sees.
    struct Opened {
        var name: String
        /// The folder relative to the inbox.
        var folder: String
        var sha256: String
        /// A copy of the bytes that lixiao owns (the archived source, or a private temporary for previews).
        var copyPath: String
        var loader: SheetLoader

        /// The file's sheets, read by the isolated reader from the copy.
        func workbook() throws(SheetError) -> WorkbookContents {
            try loader.load(path: copyPath, displayName: name)
        }
    }
    /// The journals, so that each line of `processed.tsv` records how far they reached (see ``ArchivePositions``).
    var journals: [Journal] = []

    /// What processing a file yields: its receipt. `resumed` is true when an interrupted earlier run had
    /// already archived these bytes from this folder (its changes may be in the journal already).
    typealias Processor = (_ file: Opened, _ resumed: Bool) throws -> Receipt

    /// Runs `process` for `file` unless its bytes were already processed from the same folder.
    ///
    /// Returns the receipt written, or `nil` when nothing was answered this time (an interrupted earlier run had
    /// finished everything but the removal; the file changed or went away since the scan; a refusal of these same
    /// bytes was answered before). Ledger errors (disk full, I/O) propagate and leave the file in the inbox.
    func handle(_ file: InboxScanner.Found, process: Processor) throws -> Receipt? {
        let (folder, bytes): (InboxFolder, [UInt8])
        switch try take(file) {
        case .answered(let receipt): return receipt
        case .read(let opened, let read): (folder, bytes) = (opened, read)
        }
        let sha = SHA256Hex.of(bytes)
        let earlier = try processing(sha, folder: file.folder)
        if let last = earlier.last, last.state == "answering", last.name == file.name,
            let published = last.receipt, let answer = try publishedReceipt(published)
        {
            // The run stopped once this file's receipt was written: that receipt is its one answer.
            try store.archive.storeReceipt(
                sha, name: String(published.split(separator: "/").last ?? ""), bytes: answer)
            try mark(sha, file, outcome: last.outcome, state: "finishing")
            try store.archive.releaseSource(sha)
            try remove(file, from: folder)
            try mark(sha, file, outcome: last.outcome, state: "done")
            return nil
        }
        if let last = earlier.last, last.state == "finishing", last.name == file.name {
            try store.archive.releaseSource(sha)
            try remove(file, from: folder)
            try mark(sha, file, outcome: last.outcome, state: "done")
            return nil
        }
        // Bytes refused whole before are read again (their receipt gives the reason again); only bytes that
        // were processed count as a duplicate.
        if let first = earlier.first(where: { $0.outcome != "rejected" && $0.state != "answering" }) {
            let receipt = Receipt(
                fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
                outcome: .duplicate(firstProcessedAt: first.time, firstName: first.name))
            try finish(file, in: folder, sha: sha, receipt: receipt, outcome: "duplicate")
            return receipt
        }
        let resumed = try store.archive.contains(sha)
        let copy = try store.archive.store(bytes: bytes, sha256: sha, originalName: file.name)
        let opened = Opened(name: file.name, folder: file.folder, sha256: sha, copyPath: copy, loader: loader)
        let receipt = try process(opened, resumed)
        let outcome: String =
            switch receipt.outcome {
            case .processed: "processed"
            case .rejected: "rejected"
            case .duplicate: "duplicate"
            }
        try finish(file, in: folder, sha: sha, receipt: receipt, outcome: outcome)
        return receipt
    }

    /// Answers a file in a preview folder with the receipt of what would happen, changes nothing, and removes it.
    ///
    /// `forFolder` is the real folder the preview stands for: bytes already processed there preview as a
    /// duplicate. The bytes are parsed from a private temporary copy under the ledger, removed afterwards.
    func preview(_ file: InboxScanner.Found, for realFolder: String, process: Processor) throws -> Receipt? {
        let (folder, bytes): (InboxFolder, [UInt8])
        switch try take(file) {
        case .answered(let receipt): return receipt
        case .read(let opened, let read): (folder, bytes) = (opened, read)
        }
        let sha = SHA256Hex.of(bytes)
        let receipt: Receipt
        if let first = try processing(sha, folder: realFolder).first(where: {
            $0.outcome != "rejected" && $0.state != "answering"
        }) {
            receipt = Receipt(
                fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
                outcome: .duplicate(firstProcessedAt: first.time, firstName: first.name))
        } else {
            let scratch = workspace.ledger + "/" + Self.scratchFolder
            let copy = store.fileSystem.temporaryPath(in: scratch, suffix: "-preview")
            try store.fileSystem.replace(copy, with: bytes)
            defer { try? store.fileSystem.removeIfPresent(copy) }
            let opened = Opened(name: file.name, folder: file.folder, sha256: sha, copyPath: copy, loader: loader)
            receipt = try process(opened, false)
        }
        try publish(receipt, folder: file.folder, name: file.name, sha: nil, suffix: ".预览回执.xlsx")
        try remove(file, from: folder)
        return receipt
    }

    /// Where previews keep their private copies while they are read.
    static let scratchFolder = "scratch"

    /// Answers an entry that is never read (a link to a file or folder, a FIFO, a device, a hard-linked file, a
    /// file that could not be opened) once, and leaves it where it is.
    ///
    /// The entry is remembered by its folder, name, device, inode and kind, so it is answered once however many
    /// rounds it stays; replaced by something else, it is answered again.
    func refuse(_ refused: InboxScanner.Refused) throws -> Receipt? {
        let status = refused.status
        let identity =
            [UInt8]("refused\u{0}\(refused.folder)\u{0}".utf8) + refused.rawName
            + [UInt8]("\u{0}\(status.device):\(status.inode):\(status.kind):\(refused.reason)".utf8)
        let key = SHA256Hex.of(identity)
        guard try store.archive.processing(key).isEmpty else { return nil }
        let receipt = Receipt(
            fileName: refused.name, folder: refused.folder, sha256: "（未读取）",
            processedAt: clock.localText(), outcome: .rejected(reason: refused.reason))
        try publish(receipt, folder: refused.folder, name: refused.name, sha: nil)
        try store.archive.recordProcessing(
            key, fields: [clock.localText(), refused.folder, refused.name, "refused-entry", "done"])
        return receipt
    }

    /// A dropped file's bytes with its open folder, or the answer already given instead.
    private enum Taken {
        case read(InboxFolder, [UInt8])
        /// Refused unread (the receipt, or `nil` when it was answered before), or gone since the scan (`nil`).
        case answered(Receipt?)
    }

    /// Opens the file's folder without following links and reads the file once.
    private func take(_ file: InboxScanner.Found) throws -> Taken {
        guard let folder = InboxFolder.open(inbox: workspace.inbox, components: file.folderComponents) else {
            return .answered(nil)
        }
        switch readOnce(file, in: folder) {
        case .gone: return .answered(nil)
        case .refused(let reason): return .answered(try refuse(refusal(file, reason)))
        case .bytes(let read): return .read(folder, read)
        }
    }

    private func refusal(_ file: InboxScanner.Found, _ reason: (String, EntryStatus)) -> InboxScanner.Refused {
        InboxScanner.Refused(
            folder: file.folder, folderComponents: file.folderComponents, rawName: file.rawName, name: file.name,
            status: reason.1, reason: reason.0)
    }

    private enum Read {
        case bytes([UInt8])
        /// Not read, with the reason to give and what the entry was when opened.
        case refused((String, EntryStatus))
        /// Gone or replaced since the scan: the next scan sees what is there now.
        case gone
    }

    /// Opens `file` once, without following a link or blocking, checks it is still the regular, singly linked
    /// file the scan saw, and reads it whole (up to the reader's size limit).
    ///
    /// The corresponding C functions are `openat`, `fstat` and `read`.
    private func readOnce(_ file: InboxScanner.Found, in folder: InboxFolder) -> Read {
        let descriptor = file.rawName.withCString {
            openat(folder.descriptor, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        }
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return .gone }
            guard let status = folder.status(of: file.rawName) else { return .gone }
            if code == ELOOP || status.kind == .link { return .refused((InboxScanner.linkRefusal, status)) }
            return .refused(("无法打开此文件（\(String(cString: strerror(code)))），请检查文件后重新放入", status))
        }
        defer { close(descriptor) }
        var raw = stat()
        guard fstat(descriptor, &raw) == 0 else { return .gone }
        let status = EntryStatus(raw)
        if status.device != folder.device { return .refused((InboxScanner.mountRefusal, status)) }
        switch status.kind {
        case .file where status.links > 1:
            return .refused(("该文件有多个硬链接，为安全起见不予读取，请放入文件副本", status))
        case .file: break
        default: return .refused(("不是普通文件（设备、管道等），不予读取", status))
        }
        guard status.isSameFile(as: file.status) else { return .gone }
        let limit = ReadLimits.standard.maxFileBytes
        guard status.size <= limit else {
            return .refused(("文件大小为 \(status.size) 字节，超过上限 \(limit) 字节，不予读取", status))
        }
        var bytes = [UInt8](repeating: 0, count: status.size)
        var filled = 0
        while true {
            if filled == bytes.count {
                // It grew while being read: take what it is once it settles.
                var probe: UInt8 = 0
                let more = read(descriptor, &probe, 1)
                if more < 0, errno == EINTR { continue }
                if more != 0 { return .gone }
                break
            }
            let got = bytes.withUnsafeMutableBytes {
                read(descriptor, $0.baseAddress.map { $0 + filled }, $0.count - filled)
            }
            if got < 0, errno == EINTR { continue }
            if got < 0, errno == EAGAIN { return .gone }
            if got < 0 {
                return .refused(("读取此文件时出错（\(String(cString: strerror(errno)))），请重新放入", status))
            }
            if got == 0 { return .gone }  // It shrank while being read.
            filled += got
        }
        return .bytes(bytes)
    }

    /// One line of the archive's `processed.tsv` for these bytes.
    private struct Processed {
        var time: String
        var name: String
        var outcome: String
        var state: String
        /// For an `answering` line: the receipt being written, relative to the outbox.
        var receipt: String?
    }

    /// What was recorded for `sha` dropped in `folder`, oldest first.
    private func processing(_ sha: String, folder: String) throws(LedgerError) -> [Processed] {
        try store.archive.processing(sha).compactMap { fields in
            guard fields.count >= 4, fields[1] == folder else { return nil }
            // Lines are: time, folder, name, outcome, state (lines without a state are finished), and the
            // journals' positions (see ArchivePositions).
            return Processed(
                time: fields[0], name: fields[2], outcome: fields[3],
                state: fields.count >= 5 ? fields[4] : "done", receipt: fields.count >= 7 ? fields[6] : nil)
        }
    }

    private func mark(
        _ sha: String, _ file: InboxScanner.Found, outcome: String, state: String, receipt: String? = nil
    ) throws {
        var fields = [
            clock.localText(), file.folder, file.name, outcome, state, ArchivePositions.text(of: journals),
        ]
        if let receipt { fields.append(receipt) }
        try store.archive.recordProcessing(sha, fields: fields)
    }

    /// The bytes of a receipt an interrupted run recorded as being written (`answering`), when it was written;
    /// `nil` when it was not (or the recorded path is not a receipt's under the outbox).
    private func publishedReceipt(_ relative: String) throws -> [UInt8]? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard relative.hasSuffix(".回执.xlsx"),
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".") })
        else {
            return nil
        }
        return try store.contentsIfPresent(workspace.outbox + "/" + relative)
    }

    /// Answers the file: its receipt, then its removal from the inbox.
    ///
    /// `processed.tsv` marks the receipt's path as `answering` before it is written, so a run stopped after it
    /// was written takes that receipt as the file's answer instead of writing a second one (a dropped file
    /// gets exactly one receipt), then `finishing` before the removal and `done` after it.
    private func finish(
        _ file: InboxScanner.Found, in folder: InboxFolder, sha: String, receipt: Receipt, outcome: String
    ) throws {
        let prepared = try prepare(receipt, folder: file.folder, name: file.name)
        try mark(sha, file, outcome: outcome, state: "answering", receipt: prepared.relative)
        try write(prepared, sha: sha)
        try mark(sha, file, outcome: outcome, state: "finishing")
        try store.archive.releaseSource(sha)
        try remove(file, from: folder)
        try mark(sha, file, outcome: outcome, state: "done")
    }

    /// Writes the receipt workbook to the dropper's `回执/` folder atomically, and a copy beside the source.
    ///
    /// A receipt the workbook writer cannot build from this file's contents (never the disk: that propagates)
    /// is written again without its row list, saying why, so one odd file cannot stop the round.
    private func publish(
        _ receipt: Receipt, folder: String, name: String, sha: String?, suffix: String = ".回执.xlsx"
    ) throws {
        try write(prepare(receipt, folder: folder, name: name, suffix: suffix), sha: sha)
    }

    /// A receipt built and named, not yet written.
    private struct PreparedReceipt {
        var bytes: [UInt8]
        /// Where it goes, relative to the outbox.
        var relative: String
        var name: String
    }

    /// Builds the receipt workbook and chooses its name in the dropper's `回执/<day>/` folder (created here).
    private func prepare(
        _ receipt: Receipt, folder: String, name: String, suffix: String = ".回执.xlsx"
    ) throws -> PreparedReceipt {
        let dated = ReceiptName.dated(receipt.processedAt)
        let directory = workspace.receiptFolder(forInboxFolder: folder) + "/" + dated.day
        try SafeFolder.makeForWriting(directory, outbox: workspace.outbox)
        let temporary = store.fileSystem.temporaryPath(in: directory, suffix: ".xlsx")
        defer { try? store.fileSystem.removeIfPresent(temporary) }
        do {
            try ReceiptWorkbook.write(receipt, to: temporary)
        } catch {
            try? store.fileSystem.removeIfPresent(temporary)
            var plain = receipt
            plain.rows = []
            plain.notes.append("逐行结果无法写入回执（\(error)），各行已按上述统计处理")
            try ReceiptWorkbook.write(plain, to: temporary)
        }
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: temporary)))
        let receiptName = ReceiptName.unused(time: dated.time, name, suffix: suffix, in: directory)
        let relative = String((directory + "/" + receiptName).dropFirst(workspace.outbox.count + 1))
        return PreparedReceipt(bytes: bytes, relative: relative, name: receiptName)
    }

    /// Writes a prepared receipt atomically, and its copy into the file's archive folder when `sha` is given.
    private func write(_ prepared: PreparedReceipt, sha: String?) throws {
        try store.writeAtomically(prepared.bytes, to: workspace.outbox + "/" + prepared.relative)
        if let sha { try store.archive.storeReceipt(sha, name: prepared.name, bytes: prepared.bytes) }
    }

    /// Removes the file's directory entry, if its name still names the inode that was read, and makes the
    /// removal durable.
    ///
    /// The corresponding C functions are `fstatat`, `unlinkat` and `fsync`, all on the folder's descriptor.
    private func remove(_ file: InboxScanner.Found, from folder: InboxFolder) throws {
        guard let now = folder.status(of: file.rawName), now.kind == .file, now.isSameFile(as: file.status) else {
            return
        }
        let removed = file.rawName.withCString { unlinkat(folder.descriptor, $0, 0) }
        guard removed == 0 || errno == ENOENT else {
            throw LedgerError(.io(operation: "unlink", path: workspace.inbox + "/" + file.folder, errno: errno))
        }
        guard fsync(folder.descriptor) == 0 else {
            throw LedgerError(.io(operation: "fsync", path: workspace.inbox + "/" + file.folder, errno: errno))
        }
    }
}
