import Foundation
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// Appending and reading records, the format's definition of the hash, and the store's batches.
struct JournalTests {
    @Test("any text survives the journal exactly, tabs, line breaks and backslashes included")
    func roundTrip() throws {
        let folder = try TemporaryFolder("journal")
        let root = folder("ledger")
        let nasty = ["", "\t", "\n", "\r\n", "\\", "\\t literally", "a\tb\nc\\d\re", "学号 ３ 😀", "=cmd|' /C calc'!A0"]
        let entries = nasty.enumerated().map { index, text in
            JournalEntry(
                time: "2026-11-29T10:30:00.000+00:00", actor: text, source: text, row: index == 0 ? nil : index * 1000,
                person: text, kind: text, field: text, oldValue: text, newValue: text, remark: text)
        }
        var store: LedgerStore? = try LedgerStore(root: root)
        let appended = try #require(try store?.journal(batch: "b").append(entries))
        #expect(appended.map(\.sequence) == Array(1...nasty.count))
        store = nil
        var read: [JournalRecord] = []
        try LedgerStore(root: root).journal(batch: "b").forEach { read.append($0) }
        #expect(read == appended)
        #expect(read.map(\.entry) == entries)
    }

    @Test("each record's hash is the SHA-256 of its line up to the tab before it, and prev links the chain")
    func hashDefinition() throws {
        let folder = try TemporaryFolder("journal")
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        let records = try journal.append((1...3).map(ProbeEntry.make))
        let lines = String(decoding: try Files.bytes(journal.path), as: UTF8.self)
            .split(separator: "\n").dropFirst()
        #expect(lines.count == 3)
        var previous = String(repeating: "0", count: 64)
        for (line, record) in zip(lines, records) {
            let hashed = line.dropLast(64)
            #expect(hashed.hasSuffix("\t\(previous)\t"))
            #expect(SHA256Hex.of(Array(hashed.utf8)) == record.hash)
            #expect(line.hasSuffix(record.hash))
            #expect(record.previousHash == previous)
            previous = record.hash
        }
        #expect(journal.lastHash == previous)
        #expect(journal.verify() == .intact(records: 3, lastHash: previous))
    }

    @Test("reading from a sequence skips earlier records, and appending nothing changes nothing")
    func readingFrom() throws {
        let folder = try TemporaryFolder("journal")
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        try journal.append((1...10).map(ProbeEntry.make))
        #expect(try journal.append([]).isEmpty)
        var sequences: [Int] = []
        try journal.forEach(from: 8) { sequences.append($0.sequence) }
        #expect(sequences == [8, 9, 10])
        struct Stop: Error {}
        #expect(throws: Stop.self) { try journal.forEach { _ in throw Stop() } }
    }

    @Test("an empty journal is intact with the zero hash, and batches list only folders holding a journal")
    func emptyAndBatches() throws {
        let folder = try TemporaryFolder("journal")
        let store = try LedgerStore(root: folder("ledger") + "/")
        #expect(store.root == folder("ledger"))
        #expect(try store.batches.isEmpty)
        let journal = try store.journal(batch: "2027届夏季毕业")
        #expect(journal.lastSequence == 0)
        #expect(journal.verify() == .intact(records: 0, lastHash: String(repeating: "0", count: 64)))
        _ = try store.journal(batch: "2026届冬季")
        try FileManager.default.createDirectory(atPath: folder("ledger/not-a-batch"), withIntermediateDirectories: true)
        try Files.write([], to: folder("ledger/outputs.tsv"))
        #expect(try store.batches == ["2026届冬季", "2027届夏季毕业"])
        #expect(try store.journal(batch: "2026届冬季") === store.journal(batch: "2026届冬季"))
    }

    @Test("names that are not plain folder names cannot be batches")
    func badBatchNames() throws {
        let folder = try TemporaryFolder("journal")
        let store = try LedgerStore(root: folder("ledger"))
        for name in ["", ".", "..", ".lock", "a/b", "archive", "tab\there", "nul\u{0}"] {
            #expect(throws: LedgerError(.badName(name))) { try store.journal(batch: name) }
        }
    }

    @Test("temporary files a crash left in a batch folder are removed when the journal opens")
    func staleTemporaryFiles() throws {
        let folder = try TemporaryFolder("journal")
        let root = folder("ledger")
        _ = try LedgerStore(root: root).journal(batch: "b")
        try Files.write([1, 2, 3], to: root + "/b/.lixiao-0123456789abcdef.tmp")
        _ = try LedgerStore(root: root).journal(batch: "b")
        #expect(Files.names(in: root + "/b") == ["journal.tsv"])
    }

    @Test("SHA-256 digests are lowercase hex")
    func digests() {
        #expect(SHA256Hex.of(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.of("abc".utf8) == SHA256Hex.of(Array("abc".utf8)))
    }
}
