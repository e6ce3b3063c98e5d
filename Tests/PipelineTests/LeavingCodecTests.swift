import Clearance
import Foundation
import Ledger
import Testing

@testable import Pipeline

@Suite("Moves and withdrawals in the journal and the snapshot")
struct LeavingCodecTests {
    static let batch = CodecTests.batch
    static let move = Transfer(
        from: "2027-summer", to: "2027-winter", time: "2027-05-01T02:00:00.000+00:00", actor: "registry",
        source: String(repeating: "a", count: 64))
    static let withdrawal = Withdrawal(
        time: "2027-05-02T02:00:00.000+00:00", actor: "colleges/计算机学院/roster",
        source: String(repeating: "b", count: 64), reason: "延期毕业\t（学籍处通知）")

    /// The change a journal record of `change` decodes to, written with the change's own time, folder and file.
    func roundTrip(_ change: Change, time: String, actor: String, source: String) throws -> Change {
        let entry = JournalCodec.entry(change, time: time, actor: actor, source: source, row: 2)
        let record = Ledger.JournalRecord(sequence: 9, entry: entry, previousHash: "", hash: "")
        return try JournalCodec.change(record, batch: Self.batch.id, journal: "j") { _, _ in .initial }
    }

    @Test("move, withdraw and restore records decode to the changes that wrote them")
    func journalRoundTrip() throws {
        let move = Self.move
        #expect(
            try roundTrip(.moved("1", move), time: move.time, actor: move.actor, source: move.source)
                == .moved("1", move))
        let withdrawal = Self.withdrawal
        let withdrawn = Change.withdrawn("1", withdrawal)
        #expect(
            try roundTrip(withdrawn, time: withdrawal.time, actor: withdrawal.actor, source: withdrawal.source)
                == withdrawn)
        #expect(try roundTrip(.restored("1"), time: "t", actor: "registry", source: "s") == .restored("1"))
        let entry = JournalCodec.entry(withdrawn, time: withdrawal.time, actor: withdrawal.actor, source: "s", row: 2)
        #expect(entry.kind == "withdraw")
        #expect(entry.remark == withdrawal.reason)
    }

    @Test("a journal written before moves had a kind of their own still moves the person, as its snapshots did")
    func legacyMove() throws {
        let entry = Ledger.JournalEntry(
            time: "2027-05-01T02:00:00.000+00:00", actor: "registry", source: "s", row: 3, person: "2023110101",
            kind: "profile", field: "离校批次", oldValue: "2027-summer", newValue: "2027-winter", remark: "")
        let record = Ledger.JournalRecord(sequence: 4, entry: entry, previousHash: "", hash: "")
        let change = try JournalCodec.change(record, batch: Self.batch.id, journal: "j") { _, _ in .initial }
        var state = BatchState(batch: Self.batch)
        state.apply(.added(CodecTests.person))
        state.apply(change)
        #expect(!state.isMember("2023110101"))
        #expect(state["2023110101"]?.transfer == nil)
        guard case .movedOut(let transfer) = state["2023110101"]?.membership(in: Self.batch.id) else {
            Issue.record("expected a move out")
            return
        }
        #expect(transfer.to == "2027-winter")
        // The snapshot of such a state, written then without the move columns, reads back the same.
        let university = try PipelineDefinition.builtIn().university
        let (header, rows) = SnapshotCodec.rows(state, university: university)
        let old = SnapshotCodec.transferHeaders.count + SnapshotCodec.withdrawalHeaders.count
        let legacy = Ledger.Snapshot(
            header: Array(header.dropLast(old)), rows: rows.map { Array($0.dropLast(old)) }, throughSequence: 4,
            hash: "")
        #expect(try SnapshotCodec.state(from: legacy, batch: Self.batch) == state)
    }

    @Test("a snapshot carries moves and withdrawals; one written before them reads without")
    func snapshotRoundTrip() throws {
        var state = BatchState(batch: Self.batch)
        state.apply(.added(CodecTests.person))
        var other = CodecTests.person
        other.id = "2023110102"
        state.apply(.added(other))
        state.apply(.statusSet("2023110101", "library", old: .initial, new: ItemState(status: .done, remark: "已还书")))
        state.apply(.moved("2023110101", Self.move))
        state.apply(.withdrawn("2023110102", Self.withdrawal))
        let university = try PipelineDefinition.builtIn().university
        let (header, rows) = SnapshotCodec.rows(state, university: university)
        let snapshot = Ledger.Snapshot(header: header, rows: rows, throughSequence: 5, hash: "")
        #expect(try SnapshotCodec.state(from: snapshot, batch: Self.batch) == state)

        let old = SnapshotCodec.transferHeaders.count + SnapshotCodec.withdrawalHeaders.count
        let legacy = Ledger.Snapshot(
            header: Array(header.dropLast(old)), rows: rows.map { Array($0.dropLast(old)) }, throughSequence: 5,
            hash: "")
        let read = try SnapshotCodec.state(from: legacy, batch: Self.batch)
        #expect(read["2023110102"]?.withdrawal == nil)
        #expect(read["2023110101"]?.person.batch == "2027-winter")
    }
}
