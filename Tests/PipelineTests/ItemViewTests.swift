import Clearance
import Foundation
import Reports
import Sheets
import Testing

@testable import Pipeline

/// A department's files (export, pending list, statistics) and the apartment overview are rebuilt only when the
/// profiles or *their own item's* states of their people change (`OutputScope.batchItem`). That holds only while
/// their builders read nothing else: here another item's state and an issuance change, and every such file's
/// model must stay the same, while the changed item's own files see new inputs.
@Suite("Department files read only their own item", .serialized)
struct ItemViewTests {
    @Test("another item's state or an issuance leaves a department's models and inputs as they were")
    func ownItemOnly() throws {
        let taken = try Taken()
        try taken.withSession { session in
            let clock = RunClock(zone: TimeZone(identifier: "Asia/Shanghai") ?? .current)
            let state = try #require(session.states.first { $0.batch.id == "2027-summer" })
            let before = try session.outputContext(for: state, clock: clock)
            let person = try #require(before.members.first { $0.person.isResident }).person.id
            let library = ItemID("library")
            var changed = before
            var mutated = state
            mutated.apply(
                .statusSet(person, library, old: ItemState(), new: ItemState(status: .done, remark: "已还书")))
            mutated.apply(.issued(person, Issuance(time: "2027-06-20T01:00:00.000+00:00", source: "发证.xlsx")))
            changed.state = mutated
            func jobs(_ context: OutputContext) -> [String: OutputJob] {
                let plan = OutputPlan(context: context, inputs: OutputInputs(context), progress: ProgressBox())
                return Dictionary(plan.jobs.map { ($0.path, $0) }) { first, _ in first }
            }
            let old = jobs(before)
            let new = jobs(changed)
            var checked = 0
            for (path, job) in old.sorted(by: { $0.key < $1.key }) {
                let isDepartment = path.hasPrefix("departments/") || path.hasPrefix("apartment/")
                guard isDepartment, let other = new[path] else { continue }
                if path.hasPrefix("departments/图书馆/") {
                    #expect(job.inputs != other.inputs, "\(path) must see its own item's change")
                    continue
                }
                #expect(job.inputs == other.inputs, "\(path)")
                #expect(
                    Fingerprint.of(try job.model(.neutral)) == Fingerprint.of(try other.model(.neutral)),
                    "\(path) reads more than its own item: widen its OutputScope")
                checked += 1
            }
            #expect(checked > 10)
            // The college workbook and the leaders' statistics read every item and the issuance.
            #expect(old.keys.filter { $0.hasPrefix("colleges/") }.contains { old[$0]?.inputs != new[$0]?.inputs })
        }
    }
}
