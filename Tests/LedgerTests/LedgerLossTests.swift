import Foundation
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// Losing part of the ledger is never silent: a short journal, a changed snapshot and unreadable state files
/// are refused when opened, naming what is missing.
struct LedgerLossTests {
    /// A ledger whose batch `b` holds records 1…`count` and a snapshot through `snapshot`.
    static func ledger(records count: Int, snapshot: Int) throws -> (TemporaryFolder, root: String, journal: String) {
        let folder = try TemporaryFolder("loss")
        let root = folder("ledger")
        let journal = try LedgerStore(root: root).journal(batch: "b")
        try journal.append((1...count).map(ProbeEntry.make))
        try journal.writeSnapshot(header: ["学号", "状态"], rows: [["P1", "3"], ["P2", "1"]], throughSequence: snapshot)
        return (folder, root, journal.path)
    }

    @Test("a journal cut at a record boundary, shorter than its snapshot, is refused naming the missing records")
    func cutAtBoundary() throws {
        let (folder, root, path) = try Self.ledger(records: 10, snapshot: 10)
        let cut = try Files.lineEnds(Files.bytes(path))[6]  // just past record 6
        try Files.write(Array(try Files.bytes(path)[..<cut]), to: path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        guard case .recordsMissing(path, "b", 6, 10, let shownBy) = error?.kind else {
            Issue.record("expected .recordsMissing 7–10, got \(String(describing: error))")
            return
        }
        #expect(shownBy.hasSuffix("snapshot.tsv"))
        #expect(error?.description.contains("records 7–10 are missing") == true)
        #expect(error?.description.contains("restore \(path) from a backup") == true)
        // Nothing was changed: the journal still ends at record 6, the snapshot is still there.
        #expect(try Files.bytes(path).count == cut)
        #expect(FileManager.default.fileExists(atPath: folder("ledger/b/snapshot.tsv")))
    }

    @Test("a missing journal beside a snapshot is refused, and no empty journal is created")
    func journalDeleted() throws {
        let (folder, root, path) = try Self.ledger(records: 3, snapshot: 3)
        unlink(path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        guard case .recordsMissing(_, "b", 0, 3, _) = error?.kind else {
            Issue.record("expected .recordsMissing 1–3, got \(String(describing: error))")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = folder
    }

    @Test("a snapshot with a byte changed in a value fails its checksum when read")
    func snapshotValueChanged() throws {
        let (folder, root, _) = try Self.ledger(records: 4, snapshot: 4)
        let snapshot = folder("ledger/b/snapshot.tsv")
        var bytes = try Files.bytes(snapshot)
        let three = try #require(bytes.lastIndex(of: UInt8(ascii: "3")))
        bytes[three] = UInt8(ascii: "1")
        try Files.write(bytes, to: snapshot)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        let error = #expect(throws: LedgerError.self) { try journal.readSnapshot() }
        guard case .snapshotDamaged(snapshot, 1, let reason) = error?.kind else {
            Issue.record("expected .snapshotDamaged, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("checksum"))
        #expect(error?.description.contains("delete it and lixiao rebuilds it from the journal") == true)
    }

    @Test("a snapshot whose record number was raised is damage, not missing records")
    func snapshotThroughChanged() throws {
        let (folder, root, _) = try Self.ledger(records: 4, snapshot: 4)
        let snapshot = folder("ledger/b/snapshot.tsv")
        var text = String(decoding: try Files.bytes(snapshot), as: UTF8.self)
        text = text.replacingOccurrences(of: "through=4", with: "through=9")
        try Files.write(Array(text.utf8), to: snapshot)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        guard case .snapshotDamaged = error?.kind else {
            Issue.record("expected .snapshotDamaged, got \(String(describing: error))")
            return
        }
    }

    @Test("a snapshot written before checksums is still read")
    func snapshotWithoutChecksum() throws {
        let (folder, root, _) = try Self.ledger(records: 2, snapshot: 2)
        let snapshot = folder("ledger/b/snapshot.tsv")
        var text = String(decoding: try Files.bytes(snapshot), as: UTF8.self)
        let range = try #require(
            text.range(of: "\toffset=[0-9]+\tsha256=[0-9a-f]{64}", options: .regularExpression))
        text.removeSubrange(range)
        try Files.write(Array(text.utf8), to: snapshot)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        #expect(try journal.readSnapshot()?.rows == [["P1", "3"], ["P2", "1"]])
    }

    @Test("a state file that cannot be read is an error; only a missing one reads as nothing")
    func unreadableStateFile() throws {
        let folder = try TemporaryFolder("loss")
        let store = try LedgerStore(root: folder("ledger"))
        #expect(try store.contentsIfPresent(folder("ledger/registry.tsv")) == nil)
        try FileManager.default.createDirectory(
            atPath: folder("ledger/registry.tsv"), withIntermediateDirectories: true)
        #expect(throws: LedgerError.self) { try store.contentsIfPresent(folder("ledger/registry.tsv")) }
    }

    @Test("the archive lists every stored file, so each processed.tsv can be checked against the journals")
    func archiveListing() throws {
        let folder = try TemporaryFolder("loss")
        let store = try LedgerStore(root: folder("ledger"))
        #expect(try store.archive.storedFiles().isEmpty)
        let shas = ["one", "two", "three"].map { SHA256Hex.of(Array($0.utf8)) }
        for sha in shas { try store.archive.recordProcessing(sha, fields: ["t", "registry", "a.xlsx", "processed"]) }
        try FileManager.default.createDirectory(
            atPath: store.archive.folder + "/zz/not-a-hash", withIntermediateDirectories: true)
        #expect(try store.archive.storedFiles() == shas.sorted())
    }

    @Test("the archive's duplicate check fails closed when processed.tsv cannot be read")
    func archiveUnreadable() throws {
        let folder = try TemporaryFolder("loss")
        let store = try LedgerStore(root: folder("ledger"))
        let sha = SHA256Hex.of(Array("bytes".utf8))
        try store.archive.recordProcessing(sha, fields: ["t", "registry", "a.xlsx", "processed", "done"])
        let processed = store.archive.folder(for: sha) + "/processed.tsv"
        unlink(processed)
        try FileManager.default.createDirectory(atPath: processed, withIntermediateDirectories: true)
        #expect(throws: LedgerError.self) { try store.archive.processing(sha) }
        // An archive folder that is not a folder cannot answer "not stored".
        let other = SHA256Hex.of(Array("other".utf8))
        try FileManager.default.createDirectory(
            atPath: (store.archive.folder(for: other) as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try Files.write([1], to: store.archive.folder(for: other))
        #expect(throws: LedgerError.self) { try store.archive.contains(other) }
    }
}
