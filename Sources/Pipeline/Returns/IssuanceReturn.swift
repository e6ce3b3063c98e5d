import Clearance
import Reports
import Sheets

/// A college's returned issuance list (可发证 with 确认发证 = 是): marks 已发放两证 for the college's people,
/// each only if eligible at that moment, once; a range row issues a range of at most 200.
struct IssuanceReturn {
    let college: College
    let sheet: ReturnSheet
    /// Recorded as the issuance's source: the folder and file.
    let source: String
    let time: String

    func originMismatch(_ university: University) -> String? {
        guard let origin = sheet.origin else { return nil }
        guard origin.kind == .issuance else { return "此表不是发证名单（是部门导出表或导师签字表），不能放入发证确认文件夹" }
        guard origin.college == college.id else {
            let other = origin.college.flatMap { university.college(named: $0)?.name } ?? "其他学院"
            return "此表是「\(other)」的发证名单，不能放入「\(college.name)」的发证确认文件夹"
        }
        return nil
    }

    func plan(into plan: inout ReturnPlan) {
        var seen: [PersonID: Int] = [:]
        let batch = sheet.origin?.batch
        for row in sheet.rows {
            let idCell = sheet.cell(row, .id) ?? .empty
            let id = TextNormaliser.trimmed(idCell.text)
            let answer = TextNormaliser.yesNo(sheet.cell(row, .confirmIssuance) ?? .empty)
            guard answer.isValid else {
                plan.outcome(row.number, nil, id: id, .error, "「确认发证」列：请填「是」，或留空表示暂不发证")
                continue
            }
            guard answer.answer == true else {
                if !idCell.isEmpty { plan.outcome(row.number, nil, id: id, .unchanged, "未确认发证") }
                continue
            }
            switch RowTarget(idCell) {
            case .invalid(let reason): plan.outcome(row.number, nil, id: id, .error, "「学工号」列：\(reason)")
            case .person(let person):
                if let first = seen[person] {
                    plan.outcome(row.number, nil, id: id, .error, "「学工号」列：本文件第 \(first) 行已有该学工号，此行未处理")
                    continue
                }
                seen[person] = row.number
                guard let (found, record) = plan.find(person, batch: batch) else {
                    plan.outcome(
                        row.number, nil, id: id, .error, plan.absence(person, batch: batch) ?? "「学工号」列：不在离校名单中")
                    continue
                }
                issue(record, batch: found, row: row.number, explicit: true, into: &plan)
            case .range(let range):
                let people = plan.members(in: range, batch: batch).filter { $0.record.person.college == college.name }
                guard !people.isEmpty else {
                    plan.outcome(row.number, nil, id: id, .error, "「学工号」列：范围内没有本学院的离校人员")
                    continue
                }
                for (found, record) in people {
                    issue(record, batch: found, row: row.number, explicit: false, into: &plan)
                }
            }
        }
    }

    private func issue(_ record: PersonRecord, batch: Batch, row: Int, explicit: Bool, into plan: inout ReturnPlan) {
        let id = record.person.id.rawValue
        guard record.person.college == college.name else {
            plan.outcome(row, record, id: id, .error, "此人属于「\(record.person.college)」，只能确认本学院人员的发证")
            return
        }
        switch IssuanceDecision(record: record, university: plan.university) {
        case .issue:
            plan.apply(.issued(record.person.id, Issuance(time: time, source: source)), batch: batch.id, row: row)
            plan.outcome(row, record, id: id, .applied, "已记录发放两证")
        case .alreadyIssued(let issuance):
            plan.outcome(row, record, id: id, .unchanged, "已于 \(plan.zone.text(ledger: issuance.time)) 发证，不重复记录")
        case .notEligible:
            let blockers = Eligibility(record: record, university: plan.university).blockers.map { blocker in
                blocker.item.name + (blocker.state.remark.isEmpty ? "" : "（\(blocker.state.remark)）")
            }
            // A range covers whoever it covers: someone not yet eligible there is no mistake of the dropper's.
            plan.outcome(
                row, record, id: id, explicit ? .error : .notEligible,
                "未满足发证条件，尚未办结：" + blockers.joined(separator: "、"))
        }
    }
}
