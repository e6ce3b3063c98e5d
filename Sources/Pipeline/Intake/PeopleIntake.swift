import Clearance
import Reports

/// Decides what each row of a registry export or college roster changes, across every batch.
///
/// The registry adds departing people and updates changed profile fields (each change journalled), never
/// removes anyone, and keeps everyone else as reference. A roster adds only its own college's people without
/// student status, and never overwrites a registry person.
struct PeopleIntake {
    let university: University
    let ledgers: [String: BatchLedger]
    let reference: RegistryReference

    /// What the rows add up to: changes per batch, reference updates, and a receipt line per row.
    struct Plan {
        var changes: [String: [(change: Change, row: Int?)]] = [:]
        var staying: [RegistryReference.Entry] = []
        var rows: [Receipt.RowOutcome] = []

        func count(_ result: Receipt.RowResult) -> Int { rows.filter { $0.result == result }.count }
    }

    func plan(_ sheet: PeopleSheet, roster: College?) -> Plan {
        var plan = Plan()
        var seen: [PersonID: Int] = [:]
        var pending: [PersonID: Person] = [:]  // people changed earlier in this file, as they will be
        for line in sheet.lines {
            switch line.entry {
            case .error(let error):
                plan.rows.append(
                    .init(
                        row: line.row, id: error.id, name: error.name, result: .error,
                        detail: "「\(error.column)」列：\(error.reason)"))
            case .staying(let person, let batchText):
                if let first = seen[person.id] {
                    plan.rows.append(duplicate(line.row, person, first: first))
                    continue
                }
                seen[person.id] = line.row
                plan.staying.append(.init(person: person, batchText: batchText))
                var detail = batchText.isEmpty ? "无离校批次，仅保存学籍信息" : "离校批次「\(Quoted.short(batchText))」不在本次配置的批次中，仅保存学籍信息"
                if let member = currentMembership(person.id) {
                    detail += "；此人已在「\(member.batch.name)」中，未移出（人员记录不会被删除）"
                }
                plan.rows.append(
                    .init(
                        row: line.row, id: person.id.rawValue, name: person.name, result: .notDeparting,
                        detail: detail))
            case .departing(let person):
                if let first = seen[person.id] {
                    plan.rows.append(duplicate(line.row, person, first: first))
                    continue
                }
                seen[person.id] = line.row
                if let roster, let refusal = rosterRefusal(person, college: roster) {
                    plan.rows.append(
                        .init(
                            row: line.row, id: person.id.rawValue, name: person.name, result: .error,
                            detail: refusal))
                    continue
                }
                let outcome = changes(for: person, row: line.row, into: &plan)
                pending[person.id] = person
                plan.rows.append(outcome)
            }
        }
        return plan
    }

    private func duplicate(_ row: Int, _ person: Person, first: Int) -> Receipt.RowOutcome {
        .init(
            row: row, id: person.id.rawValue, name: person.name, result: .error,
            detail: "「学工号」列：本文件第 \(first) 行已有该学工号，此行未处理")
    }

    /// A roster row's refusal: the person has student status, or belongs to another college's import.
    private func rosterRefusal(_ person: Person, college: College) -> String? {
        if reference.contains(person.id) {
            return "该学工号在学籍库中已存在（有学籍人员由学籍库导入），不能通过离校人员导入覆盖"
        }
        for ledger in ledgers.values {
            guard let existing = ledger.state[person.id]?.person else { continue }
            if existing.hasStudentStatus {
                return "该学工号在学籍库中已存在（有学籍人员由学籍库导入），不能通过离校人员导入覆盖"
            }
            if existing.college != college.name {
                return "该学工号已由「\(existing.college)」导入，学院只能导入和修改本学院人员"
            }
        }
        return nil
    }

    /// Adds the person to their batch (moving them out of another batch if they were there) or updates changed
    /// profile fields, and says which.
    private func changes(for person: Person, row: Int, into plan: inout Plan) -> Receipt.RowOutcome {
        var moved: String?
        for (id, ledger) in ledgers where id != person.batch && ledger.state.isMember(person.id) {
            plan.changes[id, default: []].append(
                (.profileChanged(person.id, .batch, old: id, new: person.batch), row))
            moved = ledger.batch.name
        }
        let target = person.batch
        guard let existing = ledgers[target]?.state[person.id]?.person else {
            plan.changes[target, default: []].append((.added(person), row))
            let detail = moved.map { "由「\($0)」转入本批次" } ?? ""
            return .init(row: row, id: person.id.rawValue, name: person.name, result: .added, detail: detail)
        }
        var details: [String] = []
        for field in ProfileField.allCases where existing[field] != person[field] {
            plan.changes[target, default: []].append(
                (.profileChanged(person.id, field, old: existing[field], new: person[field]), row))
            details.append("\(field.label)：\(display(existing[field], field))→\(display(person[field], field))")
        }
        if let moved { details.insert("由「\(moved)」转入本批次", at: 0) }
        let result: Receipt.RowResult = details.isEmpty ? .unchanged : .updated
        return .init(
            row: row, id: person.id.rawValue, name: person.name, result: result,
            detail: details.joined(separator: "；"))
    }

    private func display(_ value: String, _ field: ProfileField) -> String {
        if field == .batch { return university.batch(named: value)?.name ?? value }
        return value.isEmpty ? "（空）" : value
    }

    private func currentMembership(_ id: PersonID) -> BatchLedger? {
        ledgers.values.first { $0.state.isMember(id) }
    }
}
