import Foundation
import Glibc
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// Atomic replacement of files, inside the ledger and out, and the modes of everything the ledger creates.
struct AtomicWriteTests {
    @Test("an atomic write creates missing folders and a file with no world access")
    func createsFile() throws {
        let folder = try TemporaryFolder("atomic")
        let store = try LedgerStore(root: folder("ledger"))
        let path = folder("outbox/departments/图书馆/回执/a.xlsx.回执.xlsx")
        try store.writeAtomically(Array("新内容".utf8), to: path)
        #expect(try Files.bytes(path) == Array("新内容".utf8))
        #expect(Files.permissions(path) & ~0o640 == 0)
        #expect(Files.permissions(folder("outbox/departments")) & 0o007 == 0)
    }

    @Test(
        "a write that fails at any step leaves the old content and no temporary file",
        arguments: [FileSystem.Operation.write, .fsync, .rename, .close])
    func failureKeepsOldContent(operation: FileSystem.Operation) throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder("report.tsv")
        try LedgerStore(root: folder("ledger")).writeAtomically(Array("old".utf8), to: path)
        let failing = FileSystem.live.failing(operation, with: EIO, onPathsEndingWith: ".tmp")
        let store = try LedgerStore(root: folder("ledger"), fileSystem: failing)
        #expect(throws: LedgerError.self) { try store.writeAtomically(Array("new content".utf8), to: path) }
        #expect(try Files.bytes(path) == Array("old".utf8))
        #expect(Files.names(in: folder.path) == ["ledger", "report.tsv"])
    }

    @Test("a full disk during an atomic write leaves the old content")
    func fullDisk() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder("report.tsv")
        try LedgerStore(root: folder("ledger")).writeAtomically(Array("old".utf8), to: path)
        let store = try LedgerStore(
            root: folder("ledger"),
            fileSystem: FileSystem.live.fillingUp(after: 5, with: ENOSPC, onPathsEndingWith: ".tmp"))
        #expect(throws: LedgerError(.noSpace(path: path))) {
            try store.writeAtomically([UInt8](repeating: 65, count: 100_000), to: path)
        }
        #expect(try Files.bytes(path) == Array("old".utf8))
    }

    @Test("everything the ledger creates is without world access")
    func modes() throws {
        let folder = try TemporaryFolder("modes")
        let root = folder("ledger")
        let store = try LedgerStore(root: root)
        let journal = try store.journal(batch: "b")
        try journal.append([ProbeEntry.make(1)])
        try journal.writeSnapshot(header: ["a"], rows: [], throughSequence: 1)
        let source = folder("a.csv")
        try Files.write(Array("学号\n1\n".utf8), to: source)
        let sha = try SHA256Hex.ofFile(source)
        let archived = try store.archive.store(file: source, sha256: sha, originalName: "a.csv")
        try store.archive.recordProcessing(sha, fields: ["registry", "2026-11-29T10:30:00.000+00:00", "a.csv", "ok"])
        try store.archive.storeReceipt(sha, name: "a.csv.回执.xlsx", bytes: [1, 2, 3])
        let paths = [
            root, root + "/.lock", root + "/b", journal.path, journal.snapshotPath, store.archive.folder, archived,
            archived + "/source.csv", archived + "/processed.tsv", archived + "/a.csv.回执.xlsx",
        ]
        for path in paths {
            #expect(Files.permissions(path) & 0o007 == 0, "\(path) is world-accessible")
            #expect(Files.permissions(path) & 0o022 == 0, "\(path) is group- or world-writable")
        }
        #expect(try store.batches == ["b"])
    }
}
