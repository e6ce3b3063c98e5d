import Foundation
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// What opening a journal does with a torn tail, and how it refuses damage in the middle.
struct RecoveryTests {
    /// A ledger whose batch `b` holds records 1…`count`; returns the folder (keep it alive) and the journal's path.
    static func ledger(records count: Int) throws -> (TemporaryFolder, root: String, journal: String) {
        let folder = try TemporaryFolder("recovery")
        let root = folder("ledger")
        let journal = try LedgerStore(root: root).journal(batch: "b")
        try journal.append((1...count).map(ProbeEntry.make))
        return (folder, root, journal.path)
    }

    /// The file offset just past record `sequence` (the header is line 1).
    static func end(ofRecord sequence: Int, in path: String) throws -> Int {
        try Files.lineEnds(Files.bytes(path))[sequence]
    }

    @Test("a journal cut in the middle of its last record loses that record only, and says so")
    func cutMidRecord() throws {
        let (folder, root, path) = try Self.ledger(records: 10)
        let cut = try Self.end(ofRecord: 7, in: path) + 20
        try Files.write(Array(try Files.bytes(path)[..<cut]), to: path)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        #expect(journal.recoveredTail?.droppedBytes == 20)
        #expect(journal.recoveredTail?.reason.contains("line 9") == true)
        #expect(journal.lastSequence == 7)
        #expect(journal.verify() == .intact(records: 7, lastHash: journal.lastHash))
        #expect(try Files.bytes(path).count == Self.end(ofRecord: 7, in: path))
        try journal.forEach { #expect($0.entry == ProbeEntry.make($0.sequence)) }
        // The next append continues the chain.
        try journal.append([ProbeEntry.make(8)])
        #expect(journal.verify() == .intact(records: 8, lastHash: journal.lastHash))
        _ = folder
    }

    @Test("a last line without its line end is dropped even when its hash is right")
    func missingLastNewline() throws {
        let (folder, root, path) = try Self.ledger(records: 3)
        try Files.write(try Files.bytes(path).dropLast(), to: path)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        #expect(journal.lastSequence == 2)
        #expect(journal.recoveredTail?.reason.contains("no line end") == true)
        _ = folder
    }

    @Test("4 KiB of NUL bytes after the last record are dropped and reported")
    func zerosAppended() throws {
        let (folder, root, path) = try Self.ledger(records: 10)
        let before = try Files.bytes(path)
        try Files.append([UInt8](repeating: 0, count: 4096), to: path)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        #expect(journal.recoveredTail?.droppedBytes == 4096)
        #expect(journal.lastSequence == 10)
        #expect(try Files.bytes(path) == before)
        _ = folder
    }

    @Test("a last record whose hash fails is a torn tail and is dropped")
    func lastRecordCorrupt() throws {
        let (folder, root, path) = try Self.ledger(records: 10)
        var bytes = try Files.bytes(path)
        bytes[try Self.end(ofRecord: 9, in: path) + 5] ^= 0x01
        try Files.write(bytes, to: path)
        let journal = try LedgerStore(root: root).journal(batch: "b")
        #expect(journal.lastSequence == 9)
        #expect(journal.recoveredTail?.reason.contains("hash does not match") == true)
        _ = folder
    }

    @Test("a byte flipped in the middle of the journal refuses to open, naming the record and line")
    func flippedByteMidJournal() throws {
        let (folder, root, path) = try Self.ledger(records: 10)
        var bytes = try Files.bytes(path)
        bytes[try Self.end(ofRecord: 3, in: path) + 40] ^= 0x20
        try Files.write(bytes, to: path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        guard case .damaged(let file, let sequence, let line, _) = error?.kind else {
            Issue.record("expected .damaged, got \(String(describing: error))")
            return
        }
        #expect(file == path)
        #expect(sequence == 4)
        #expect(line == 5)
        #expect(error?.description.contains("line 5 (record 4)") == true)
        // Nothing was cut: the damage is left for a person to see.
        #expect(try Files.bytes(path) == bytes)
        _ = folder
    }

    @Test("a missing record breaks the chain and refuses to open")
    func missingRecord() throws {
        let (folder, root, path) = try Self.ledger(records: 10)
        let bytes = try Files.bytes(path)
        let start = try Self.end(ofRecord: 4, in: path)
        let end = try Self.end(ofRecord: 5, in: path)
        try Files.write(Array(bytes[..<start] + bytes[end...]), to: path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        #expect(error?.kind == .damaged(file: path, sequence: 5, line: 6, reason: "expected record 5, found 6"))
        _ = folder
    }

    @Test("a whole record repeated at the end is damage, not a torn tail")
    func repeatedLastRecord() throws {
        let (folder, root, path) = try Self.ledger(records: 4)
        let bytes = try Files.bytes(path)
        try Files.append(Array(bytes[try Self.end(ofRecord: 3, in: path)...]), to: path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        #expect(error?.kind == .damaged(file: path, sequence: 5, line: 6, reason: "expected record 5, found 4"))
        _ = folder
    }

    @Test("a record whose previous hash is wrong breaks the chain even when its own hash is right")
    func brokenChain() throws {
        let folder = try TemporaryFolder("chain")
        let other = try LedgerStore(root: folder("other")).journal(batch: "b")
        try other.append([JournalEntry(time: "t", person: "other"), ProbeEntry.make(2)])
        let (keep, root, path) = try Self.ledger(records: 3)
        // Record 2 of another journal: right sequence, right own hash, wrong link to record 1.
        let foreign = try Files.bytes(other.path)
        let foreignLine = Array(foreign[try Self.end(ofRecord: 1, in: other.path)...])
        let mine = try Files.bytes(path)
        let head = Array(mine[..<(try Self.end(ofRecord: 1, in: path))])
        let tail = Array(mine[(try Self.end(ofRecord: 2, in: path))...])
        try Files.write(head + foreignLine + tail, to: path)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
        guard case .damaged(_, 2, 3, let reason) = error?.kind else {
            Issue.record("expected damage at record 2, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("chain"))
        _ = (folder, keep)
    }

    @Test("verify and reading notice damage done after the journal was opened")
    func damageAfterOpening() throws {
        let (folder, root, path) = try Self.ledger(records: 6)
        let store = try LedgerStore(root: root)
        let journal = try store.journal(batch: "b")
        #expect(journal.verify() == .intact(records: 6, lastHash: journal.lastHash))
        var bytes = try Files.bytes(path)
        bytes[try Self.end(ofRecord: 2, in: path) + 10] ^= 0x01
        try Files.write(bytes, to: path)
        guard case .damaged(3, 4, _) = journal.verify() else {
            Issue.record("verify missed the damage: \(journal.verify())")
            return
        }
        #expect(throws: LedgerError.self) { try journal.forEach { _ in } }
        _ = folder
    }

    @Test("the file's header is the escaped column names after a byte order mark")
    func header() throws {
        let (folder, _, path) = try Self.ledger(records: 1)
        let bytes = try Files.bytes(path)
        let expected =
            [0xEF, 0xBB, 0xBF]
            + Array(
                "seq\ttime\tactor\tsource\trow\tperson\tkind\tfield\told\tnew\tremark\tkept_old\tkept_new\tseal\tprev\thash\n"
                    .utf8)
        #expect(Array(bytes.prefix(expected.count)) == expected)
        _ = folder
    }
}
