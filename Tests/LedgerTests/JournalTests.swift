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

    @Test("a record's hash covers its clear fields, what it keeps, its payload's salted commitment and prev")
    func hashDefinition() throws {
        let folder = try TemporaryFolder("journal")
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        let records = try journal.append((1...3).map(ProbeEntry.make))
        let lines = String(decoding: try Files.bytes(journal.path), as: UTF8.self)
            .split(separator: "\n").dropFirst()
        #expect(lines.count == 3)
        var previous = String(repeating: "0", count: 64)
        for (line, record) in zip(lines, records) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 16)
            // seal: `s` and 32 hex digits of salt; the commitment covers the salt and `\told\tnew\tremark`.
            #expect(fields[13].hasPrefix("s") && fields[13].count == 33)
            let payload = "\t" + fields[8...10].joined(separator: "\t")
            let commitment = SHA256Hex.of(Array((fields[13].dropFirst() + payload).utf8))
            let hashed =
                fields[0...7].joined(separator: "\t") + "\t" + fields[11] + "\t" + fields[12] + "\t"
                + commitment + "\t" + fields[14] + "\t"
            #expect(SHA256Hex.of(Array(hashed.utf8)) == record.hash)
            #expect(fields[15] == record.hash)
            #expect(record.previousHash == previous)
            previous = record.hash
        }
        #expect(journal.lastHash == previous)
        #expect(journal.verify() == .intact(records: 3, lastHash: previous))
    }

    @Test("purging replaces every payload by its commitment: no hash changes, what is kept stays, verify passes")
    func purgeKeepsTheChain() throws {
        let folder = try TemporaryFolder("journal")
        var store: LedgerStore? = try LedgerStore(root: folder("ledger"))
        let entries = (1...5).map { n -> JournalEntry in
            var entry = ProbeEntry.make(n)
            entry.kept = JournalEntry.Kept(old: "1", new: "3")
            return entry
        }
        let appended = try #require(try store?.journal(batch: "b").append(entries))
        let purged = try #require(try store?.journal(batch: "b").purgedContents { _ in JournalEntry.Kept() })
        #expect(purged.records == 5)
        #expect(purged.lastHashAfter == purged.lastHashBefore)
        try store?.replaceJournal(of: "b", with: purged.bytes)
        store = nil
        let text = String(decoding: try Files.bytes(folder("ledger/b/journal.tsv")), as: UTF8.self)
        #expect(!text.contains("remark\\r"), "\(text)")
        #expect(!text.contains("已办理"))
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        #expect(journal.verify() == .intact(records: 5, lastHash: appended.last?.hash ?? ""))
        var read: [JournalRecord] = []
        try journal.forEach { read.append($0) }
        #expect(read.map(\.hash) == appended.map(\.hash))
        #expect(read.allSatisfy { $0.isPurged && $0.entry.oldValue == "1" && $0.entry.newValue == "3" })
        #expect(read.allSatisfy { $0.entry.remark.isEmpty && $0.entry.person.hasPrefix("P") })
        // Purging again changes nothing; a commitment edited by hand breaks the record.
        #expect(try journal.purgedContents { _ in JournalEntry.Kept() }.bytes == purged.bytes)
        var bytes = Array(text.utf8)
        let seal = try #require(bytes.indices.first { bytes[$0] == 0x09 && bytes[$0 + 1] == UInt8(ascii: "c") })
        bytes[seal + 2] = bytes[seal + 2] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        try Files.write(bytes, to: folder("ledger/b/journal.tsv"))
        #expect(throws: LedgerError.self) { _ = try LedgerStore(root: folder("ledger")).journal(batch: "b") }
    }

    @Test("a journal of the first format is read, appended to in its format, and sealed in format 2 when purged")
    func firstFormat() throws {
        let folder = try TemporaryFolder("journal")
        // Two records in the first format, written as an earlier version did.
        let header = "\u{FEFF}seq\ttime\tactor\tsource\trow\tperson\tkind\tfield\told\tnew\tremark\tprev\thash\n"
        var text = header
        var previous = String(repeating: "0", count: 64)
        for n in 1...2 {
            let line =
                "\(n)\t2027-06-01T01:00:00.000+00:00\tdepartments/图书馆\t\t\(n + 1)\tP\(n)\tstatus\tlibrary\t1\t3\t已还书\t"
                + previous + "\t"
            previous = SHA256Hex.of(Array(line.utf8))
            text += line + previous + "\n"
        }
        try FileManager.default.createDirectory(atPath: folder("ledger/b"), withIntermediateDirectories: true)
        try Files.write(Array(text.utf8), to: folder("ledger/b/journal.tsv"))
        let purged: Journal.Purged
        do {
            let store = try LedgerStore(root: folder("ledger"))
            let journal = try store.journal(batch: "b")
            #expect(journal.lastSequence == 2)
            try journal.append([ProbeEntry.make(3)])
            let appended = String(decoding: try Files.bytes(folder("ledger/b/journal.tsv")), as: UTF8.self)
            #expect(
                appended.split(separator: "\n").last?.split(separator: "\t", omittingEmptySubsequences: false).count
                    == 13)
            #expect(journal.verify() == .intact(records: 3, lastHash: journal.lastHash))
            purged = try journal.purgedContents { record in
                JournalEntry.Kept(old: record.entry.oldValue, new: "kept")
            }
            #expect(purged.records == 3)
            #expect(purged.lastHashAfter != purged.lastHashBefore)
            try store.replaceJournal(of: "b", with: purged.bytes)
        }
        let sealed = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        #expect(sealed.verify() == .intact(records: 3, lastHash: purged.lastHashAfter))
        var read: [JournalRecord] = []
        try sealed.forEach { read.append($0) }
        #expect(read.map(\.entry.newValue) == ["kept", "kept", "kept"])
        #expect(read.map(\.entry.person) == ["P1", "P2", "P3"])
        let file = String(decoding: try Files.bytes(folder("ledger/b/journal.tsv")), as: UTF8.self)
        #expect(!file.contains("已还书"))
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
