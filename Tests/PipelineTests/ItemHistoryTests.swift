import Clearance
import Foundation
import Ledger
import Testing

@testable import Pipeline

/// The value each person's cell had at an export's ledger position, and who set the current one, read back from
/// the journal.
struct ItemHistoryTests {
    @Test("the baseline at a position is the last status record at or before it, or the initial state")
    func valueAtPosition() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("lixiao-baseline-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try LedgerStore(root: root)
        let journal = try store.journal(batch: "2027-summer")
        func status(_ person: String, _ item: String, _ code: Int, _ remark: String) -> JournalEntry {
            JournalEntry(
                time: "2027-06-01T00:00:00.000+00:00", actor: "departments/图书馆", person: person, kind: "status",
                field: item, oldValue: "1", newValue: String(code), remark: remark)
        }
        _ = try journal.append([
            status("2023110101", "library", 3, "已还书"),  // 1
            status("2023110102", "library", 2, ""),  // 2
            status("2023110101", "finance", 3, "已缴清"),  // 3: another item
            status("2023110101", "library", 1, "又借了"),  // 4: after the export
        ])
        let history = try ItemHistory(journal: journal, item: "library")
        #expect(history.state(of: "2023110101", at: 3) == ItemState(status: .done, remark: "已还书"))
        #expect(history.state(of: "2023110102", at: 3) == ItemState(status: .notRequired, remark: ""))
        #expect(history.state(of: "2023110199", at: 3) == .initial)
        #expect(history.state(of: "2023110101", at: 0) == .initial)
        #expect(history.state(of: "2023110101", at: 4) == ItemState(status: .pending, remark: "又借了"))
        // The change that set the current value names its folder and time, for conflicts and overwrites.
        let last = try #require(history.lastChange(of: "2023110101"))
        #expect(last.sequence == 4)
        #expect(last.actor == "departments/图书馆")
        #expect(history.lastChange(of: "2023110199") == nil)
    }
}
