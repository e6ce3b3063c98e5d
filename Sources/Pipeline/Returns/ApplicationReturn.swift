import Clearance
import Reports
import Sheets

/// Self-service applications (自助离校申请: 学号, 姓名, 离校批次): a person already departing gets their notice;
/// a person with student status not yet departing is added to the batch (journalled, no approval needed, as the
/// seed system did) and gets their notice; a person their college withdrew is told to ask the college; anyone
/// else is told to apply through their college.
struct ApplicationReturn {
    let sheet: ReturnSheet
    let reference: RegistryReference

    /// People whose notices should be written once the changes are journalled.
    private(set) var noticeFor: [PersonID] = []

    mutating func plan(into plan: inout ReturnPlan) {
        for row in sheet.rows {
            let idCell = sheet.cell(row, .id) ?? .empty
            if idCell.isEmpty { continue }
            let name = sheet.cell(row, .name).map(TextNormaliser.text) ?? ""
            let batchText = sheet.cell(row, .batch).map(TextNormaliser.text) ?? ""
            guard case .person(let id) = RowTarget(idCell) else {
                plan.outcome(row.number, nil, id: idCell.text, .error, "「学号」列：学号无效")
                continue
            }
            if let (batch, record) = plan.find(id) {
                guard record.person.name == name else {
                    plan.outcome(row.number, nil, id: id.rawValue, .error, "「姓名」列：姓名与学号不符")
                    continue
                }
                noticeFor.append(id)
                plan.outcome(
                    row.number, record, id: id.rawValue, .unchanged,
                    "已在「\(batch.name)」离校名单中，已生成离校通知单（outbox/notices/\(batch.name)/）")
                continue
            }
            if let withdrawal = plan.withdrawal(of: id) {
                plan.outcome(
                    row.number, nil, id: id.rawValue, .error,
                    LeavingText.applicationWithdrawn(withdrawal, plan.university, plan.zone))
                continue
            }
            guard let entry = reference.entries[id] else {
                plan.outcome(
                    row.number, nil, id: id.rawValue, .error,
                    "未查到学籍信息。无学籍人员（如进修生、访问学者、外籍交流生）请联系所在学院，由学院通过「离校人员导入」办理离校")
                continue
            }
            guard entry.person.name == name else {
                plan.outcome(row.number, nil, id: id.rawValue, .error, "「姓名」列：姓名与学籍信息不符")
                continue
            }
            guard let batch = plan.university.batch(named: batchText) else {
                let known = plan.university.batches.map(\.name).joined(separator: "、")
                plan.outcome(
                    row.number, nil, id: id.rawValue, .error, "「离校批次」列：「\(Quoted.short(batchText))」无效，应为\(known)之一")
                continue
            }
            var person = entry.person
            person.batch = batch.id
            person.hasStudentStatus = true
            plan.apply(.added(person), batch: batch.id, row: row.number)
            noticeFor.append(id)
            plan.outcome(
                row.number, plan.find(id)?.record, id: id.rawValue, .applied,
                "已加入「\(batch.name)」离校名单，已生成离校通知单（outbox/notices/\(batch.name)/）")
        }
    }
}
