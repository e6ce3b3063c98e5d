import Clearance
import Foundation
import Ledger
import Testing

@testable import Pipeline

/// The value each person's cell had at an export's ledger position, read back from the journal.
struct ExportBaselineTests {
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
        let atThree = try ExportBaseline(journal: journal, item: "library", through: 3)
        #expect(atThree.state(of: "2023110101") == ItemState(status: .done, remark: "已还书"))
        #expect(atThree.state(of: "2023110102") == ItemState(status: .notRequired, remark: ""))
        #expect(atThree.state(of: "2023110199") == .initial)
        let atStart = try ExportBaseline(journal: journal, item: "library", through: 0)
        #expect(atStart.state(of: "2023110101") == .initial)
        let atEnd = try ExportBaseline(journal: journal, item: "library", through: 4)
        #expect(atEnd.state(of: "2023110101") == ItemState(status: .pending, remark: "又借了"))
    }
}
