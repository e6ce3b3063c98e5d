import Foundation
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// The snapshot beside each journal: saved atomically, read back only when it matches the journal.
struct SnapshotTests {
    @Test("a snapshot reads back exactly as written, tied to the journal record it was saved through")
    func roundTrip() throws {
        let folder = try TemporaryFolder("snapshot")
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "2027届夏季毕业")
        #expect(try journal.readSnapshot() == nil)
        let records = try journal.append((1...5).map(ProbeEntry.make))
        let header = ["学号", "图书馆", "备注"]
        let rows = [["P1", "3", "line\nbreak\tand tab \\ backslash"], ["P2", "", ""], []]
        try journal.writeSnapshot(header: header, rows: rows, throughSequence: 3)
        let snapshot = try journal.readSnapshot()
        // Record 3 ends where record 4 starts: the journal's own bytes say where.
        let journalText = String(decoding: try Files.bytes(journal.path), as: UTF8.self)
        let fourth = try #require(journalText.range(of: "\n4\t"))
        let end = journalText.utf8.distance(from: journalText.startIndex, to: fourth.lowerBound) + 1
        #expect(
            snapshot
                == Snapshot(
                    header: header, rows: [rows[0], rows[1], [""]], throughSequence: 3, hash: records[2].hash,
                    journalOffset: end))
        let text = String(decoding: try Files.bytes(journal.snapshotPath).dropFirst(3), as: UTF8.self)
        let body = "学号\t图书馆\t备注\n"
        #expect(text.hasPrefix("#lixiao-snapshot\tthrough=3\thash=\(records[2].hash)\toffset=\(end)\tsha256="))
        #expect(text.dropFirst(text.prefix { $0 != "\n" }.count + 1).hasPrefix(body))
        let checksum = text.split(separator: "\n")[0].split(separator: "=").last.map(String.init)
        let covered =
            "through=3\thash=\(records[2].hash)\toffset=\(end)\n"
            + text.dropFirst(text.prefix { $0 != "\n" }.count + 1)
        #expect(checksum == SHA256Hex.of(Array(covered.utf8)))
        #expect(Files.permissions(journal.snapshotPath) & 0o007 == 0)

        try journal.writeSnapshot(header: header, rows: [], throughSequence: 5)
        #expect(try journal.readSnapshot()?.hash == journal.lastHash)
        try journal.writeSnapshot(header: header, rows: [], throughSequence: 0)
        #expect(try journal.readSnapshot()?.hash == String(repeating: "0", count: 64))
    }

    @Test("opening after a snapshot reads only the records after it; reading and verify see every record")
    func openingFromTheSnapshot() throws {
        let folder = try TemporaryFolder("snapshot")
        let root = folder("ledger")
        var journal: Journal? = try LedgerStore(root: root).journal(batch: "b")
        let written = try journal?.append((1...3000).map(ProbeEntry.make)) ?? []
        try journal?.writeSnapshot(header: ["学号"], rows: [], throughSequence: 2500)
        try journal?.append((3001...3010).map(ProbeEntry.make))
        journal = nil
        // Change record 10's content (its hash no longer matches): damage before the snapshot's record.
        let path = folder("ledger/b/journal.tsv")
        var bytes = try Files.bytes(path)
        let lineEnds = Files.lineEnds(bytes)
        let damaged = lineEnds[9] + 3  // inside record 10 (line 11)
        bytes[damaged] = bytes[damaged] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Files.write(bytes, to: path)

        // Opening goes on from record 2500, so it neither reads nor refuses record 10; the tail is read and
        // checked, and appending continues the chain.
        let reopened = try LedgerStore(root: root).journal(batch: "b")
        #expect(reopened.lastSequence == 3010)
        #expect(try reopened.readSnapshot()?.throughSequence == 2500)
        var tail: [Int] = []
        try reopened.forEach(from: 2999) { tail.append($0.sequence) }
        #expect(tail == Array(2999...3010))
        #expect(tail.first.map { written[$0 - 1].hash } == written[2998].hash)
        try reopened.append([ProbeEntry.make(3011)])
        // Reading from the start, and verify, walk every record and find the damage.
        #expect(throws: LedgerError.self) { try reopened.forEach(from: 1) { _ in } }
        guard case .damaged(let sequence, _, _) = reopened.verify() else {
            Issue.record("verify did not report the damaged record")
            return
        }
        #expect(sequence == 10)
    }

    @Test("a snapshot whose offset points elsewhere is read the old way: the whole journal is checked")
    func offsetPointingElsewhere() throws {
        let folder = try TemporaryFolder("snapshot")
        let root = folder("ledger")
        var journal: Journal? = try LedgerStore(root: root).journal(batch: "b")
        try journal?.append((1...50).map(ProbeEntry.make))
        try journal?.writeSnapshot(header: ["学号"], rows: [], throughSequence: 40)
        journal = nil
        let snapshot = folder("ledger/b/snapshot.tsv")
        let text = String(decoding: try Files.bytes(snapshot), as: UTF8.self)
        let range = try #require(text.range(of: "offset=[0-9]+", options: .regularExpression))
        try Files.write(Array(text.replacingCharacters(in: range, with: "offset=200").utf8), to: snapshot)
        let path = folder("ledger/b/journal.tsv")
        var bytes = try Files.bytes(path)
        let damaged = Files.lineEnds(bytes)[4] + 3  // inside record 5
        bytes[damaged] = bytes[damaged] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Files.write(bytes, to: path)
        // The offset does not lead to record 40, so the whole file is read and the damage refused.
        #expect(throws: LedgerError.self) { try LedgerStore(root: root).journal(batch: "b") }
    }

    @Test("a snapshot beyond the journal's end cannot be written")
    func beyondTheEnd() throws {
        let folder = try TemporaryFolder("snapshot")
        let journal = try LedgerStore(root: folder("ledger")).journal(batch: "b")
        try journal.append([ProbeEntry.make(1)])
        let error = #expect(throws: LedgerError.self) {
            try journal.writeSnapshot(header: ["a"], rows: [], throughSequence: 2)
        }
        guard case .badRequest = error?.kind else {
            Issue.record("expected .badRequest, got \(String(describing: error))")
            return
        }
    }

    @Test("a snapshot whose hash does not match the journal's record is refused")
    func mismatchedHash() throws {
        let folder = try TemporaryFolder("snapshot")
        let mine = try LedgerStore(root: folder("mine")).journal(batch: "b")
        let theirs = try LedgerStore(root: folder("theirs")).journal(batch: "b")
        try mine.append([ProbeEntry.make(1), ProbeEntry.make(2)])
        try theirs.append([ProbeEntry.make(1), JournalEntry(time: "t", person: "someone else")])
        try theirs.writeSnapshot(header: ["h"], rows: [["x"]], throughSequence: 2)
        // Their snapshot, put beside my journal: same sequence, another record.
        try Files.write(try Files.bytes(theirs.snapshotPath), to: mine.snapshotPath)
        let error = #expect(throws: LedgerError.self) { try mine.readSnapshot() }
        guard case .damaged(let file, 2, 1, let reason) = error?.kind else {
            Issue.record("expected .damaged at line 1, got \(String(describing: error))")
            return
        }
        #expect(file == mine.snapshotPath)
        #expect(reason.contains("is not the hash of journal record 2"))

        // A snapshot through a record the journal does not have is refused as well.
        try mine.writeSnapshot(header: ["h"], rows: [], throughSequence: 2)
        var text = String(decoding: try Files.bytes(mine.snapshotPath), as: UTF8.self)
        text = text.replacingOccurrences(of: "through=2", with: "through=9")
        try Files.write(Array(text.utf8), to: mine.snapshotPath)
        #expect(throws: LedgerError.self) { try mine.readSnapshot() }
    }
}
