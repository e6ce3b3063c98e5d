import Clearance
import Testing

@Suite("Returned rows meet the ledger")
struct ReturnMergeTests {
    let exported = ItemState(status: .pending, remark: "")

    @Test("a cell left as exported is not applied, even when the ledger has moved since")
    func unchangedCell() {
        let now = ItemState(status: .done, remark: "已还书")
        let outcome = ReturnMerge.merge(exported: exported, status: .pending, remark: "", current: now)
        #expect(outcome.newState == nil)
        #expect(outcome.status == .unchanged)
        #expect(!outcome.hasConflict)
    }

    @Test("a changed cell is applied when the ledger still holds the exported value")
    func appliedCell() {
        let outcome = ReturnMerge.merge(exported: exported, status: .done, remark: "已还书", current: exported)
        #expect(outcome.newState == ItemState(status: .done, remark: "已还书"))
        #expect(outcome.status == .applied)
    }

    @Test("a stale return does not undo a newer change: both changed the same cell, it is a conflict")
    func conflict() {
        let now = ItemState(status: .notRequired, remark: "")
        let outcome = ReturnMerge.merge(exported: exported, status: .done, remark: nil, current: now)
        #expect(outcome.newState == nil)
        #expect(outcome.status == .conflict(ledger: "2"))
    }

    @Test("two copies of one export: the second person's other cell still lands")
    func twoCopies() {
        // Copy A set the status; copy B (exported before A landed) set only the remark.
        let afterA = ItemState(status: .done, remark: "")
        let outcome = ReturnMerge.merge(exported: exported, status: .pending, remark: "已缴清", current: afterA)
        #expect(outcome.newState == ItemState(status: .done, remark: "已缴清"))
        #expect(outcome.status == .unchanged)
        #expect(outcome.remark == .applied)
    }

    @Test("without an export value a row applies as written")
    func handMade() {
        let outcome = ReturnMerge.merge(exported: nil, status: .notRequired, remark: nil, current: exported)
        #expect(outcome.newState == ItemState(status: .notRequired, remark: ""))
    }

    @Test("ID ranges parse with - or ~, count their span, and contain only same-length IDs")
    func ranges() throws {
        let range = try #require(IDRange("11120201-11120260"))
        #expect(range.span == 60)
        #expect(range.contains("11120230"))
        #expect(!range.contains("11120261"))
        #expect(!range.contains("1112023"))
        #expect(IDRange("11120201~11120500")?.span == 300)
        #expect(IDRange("2023110101") == nil)
        #expect(IDRange("abc-def") == nil)
        #expect(IDRange("20-1")?.span == nil)
    }
}

@Suite("Status and remark are one unit")
struct ReturnMergeUnitTests {
    @Test("when the status conflicts, the row's remark is not applied either")
    func remarkFollowsStatus() {
        let exported = ItemState(status: .pending, remark: "")
        let now = ItemState(status: .done, remark: "")
        let outcome = ReturnMerge.merge(exported: exported, status: .notRequired, remark: "无欠费，无需办理", current: now)
        #expect(outcome.newState == nil)
        #expect(outcome.hasConflict)
    }
}
