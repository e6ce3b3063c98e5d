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
    /// The ledger time, inbox folder and file (SHA-256) the changes will be journalled with: moves record them.
    let time: String
    let actor: String
    let source: String
    /// The zone receipts show times in.
    let zone: LocalZone

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
                    detail += "；此人已在「\(member.batch.name)」中，未移出（人员记录不会被删除）。\(LeavingText.notConfiguredHint)"
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
                if let roster, let outcome = restoration(person, college: roster, row: line.row, into: &plan) {
                    plan.rows.append(outcome)
                    continue
                }
                if let roster, let refusal = rosterRefusal(person, college: roster) {
                    plan.rows.append(
                        .init(
                            row: line.row, id: person.id.rawValue, name: person.name, result: .error,
                            detail: refusal))
                    continue
                }
                let outcome = changes(for: person, row: line.row, roster: roster, into: &plan)
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

    /// A roster row that re-adds a person with student status whom this college withdrew: the withdrawal is undone
    /// in the batch the row names (which must be the one they were withdrawn from), and the registry's profile is
    /// kept. `nil` when the row is not such a re-adding.
    private func restoration(_ person: Person, college: College, row: Int, into plan: inout Plan)
        -> Receipt.RowOutcome?
    {
        let withdrawn = ledgers.values.filter { ledger in
            guard let record = ledger.state[person.id], record.withdrawal != nil else { return false }
            return record.person.hasStudentStatus && record.person.college == college.name
        }
        guard let ledger = withdrawn.first(where: { $0.batch.id == person.batch }) ?? withdrawn.first,
            let record = ledger.state[person.id], let withdrawal = record.withdrawal
        else { return nil }
        func outcome(_ result: Receipt.RowResult, _ detail: String) -> Receipt.RowOutcome {
            .init(row: row, id: person.id.rawValue, name: record.person.name, result: result, detail: detail)
        }
        if let member = currentMembership(person.id) {
            return outcome(.error, LeavingText.studentStatusElsewhere(member.batch))
        }
        guard ledger.batch.id == person.batch else {
            return outcome(.error, LeavingText.studentStatusBatch(ledger.batch))
        }
        plan.changes[ledger.batch.id, default: []].append((.restored(person.id), row))
        return outcome(.restored, LeavingText.restored(withdrawal, university, zone) + "；有学籍人员的信息以学籍库为准，本行其他列未使用")
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

    /// Adds the person to their batch, moves them there from another batch, restores them after a withdrawal, or
    /// updates changed profile fields, and says which.
    ///
    /// A move is journalled in both batches (see ``Transfer``); a person already issued (已发放两证) is never moved,
    /// and their row changes nothing. The batch joined starts their items at 1 unless it recorded statuses for them
    /// before (they are moving back).
    private func changes(for person: Person, row: Int, roster: College?, into plan: inout Plan) -> Receipt.RowOutcome {
        let target = person.batch
        let current = ledgers.values.first { $0.batch.id != target && $0.state.isMember(person.id) }
        if let current, let issuance = current.state[person.id]?.issuance {
            return .init(
                row: row, id: person.id.rawValue, name: person.name, result: .error,
                detail: LeavingText.issuedNotMoved(issuance, from: current.batch, to: target, university, zone))
        }
        let existing = ledgers[target]?.state[person.id]
        // Where they come from: the batch they depart in now; or, when an interrupted round journalled the move out
        // but not the move in, the batch whose record already points here; or, moving back, the batch the record
        // here points at.
        let from =
            current?.batch.id
            ?? (existing == nil ? resumedMove(to: target, person.id) : nil)
            ?? existing.flatMap { $0.person.batch != target ? $0.person.batch : nil }
        var transfer: Transfer?
        if let from {
            transfer = Transfer(from: from, to: target, time: time, actor: actor, source: source)
        }
        if let current, let transfer {
            plan.changes[current.batch.id, default: []].append((.moved(person.id, transfer), row))
        }
        guard let existing else {
            plan.changes[target, default: []].append((.added(person), row))
            guard let transfer else {
                return .init(row: row, id: person.id.rawValue, name: person.name, result: .added)
            }
            plan.changes[target, default: []].append((.moved(person.id, transfer), row))
            return .init(
                row: row, id: person.id.rawValue, name: person.name, result: .moved,
                detail: LeavingText.movedIn(from: transfer.from, university, hadRecord: false))
        }
        var details: [String] = []
        var result: Receipt.RowResult = .updated
        if let withdrawal = existing.withdrawal {
            if roster != nil || transfer != nil || !listedBefore(person.id, in: target) {
                plan.changes[target, default: []].append((.restored(person.id), row))
                details.append(LeavingText.restored(withdrawal, university, zone))
                result = .restored
            } else {
                details.append(LeavingText.stillWithdrawn(withdrawal, university, zone))
                result = .withdrawn
            }
        }
        // A member here already (an interrupted round journalled this half of the move): only the batch left is
        // still to journal its half.
        if let transfer {
            if !existing.isMember(of: target) {
                plan.changes[target, default: []].append((.moved(person.id, transfer), row))
            }
            details.insert(LeavingText.movedIn(from: transfer.from, university, hadRecord: true), at: 0)
            if result == .updated { result = .moved }
        }
        var fieldChanges: [String] = []
        for field in ProfileField.allCases where field != .batch && existing.person[field] != person[field] {
            plan.changes[target, default: []].append(
                (.profileChanged(person.id, field, old: existing.person[field], new: person[field]), row))
            fieldChanges.append(
                "\(field.label)：\(display(existing.person[field], field))→\(display(person[field], field))")
        }
        details += fieldChanges
        if result == .updated, fieldChanges.isEmpty { result = .unchanged }
        return .init(
            row: row, id: person.id.rawValue, name: person.name, result: result,
            detail: details.joined(separator: "；"))
    }

    /// The batch whose record of `id` already points at `target` (moved out, not withdrawn) while `target` has no
    /// record: a move whose second half an interrupted round did not journal.
    private func resumedMove(to target: String, _ id: PersonID) -> String? {
        ledgers.values.first { ledger in
            guard ledger.batch.id != target, let record = ledger.state[id] else { return false }
            return record.withdrawal == nil && record.person.batch == target
        }?.batch.id
    }

    /// Whether the previous registry export already placed `id` in `batch`: then listing them there again is no
    /// re-adding, and a withdrawal stands.
    private func listedBefore(_ id: PersonID, in batch: String) -> Bool {
        guard let entry = reference.entries[id] else { return false }
        return university.batch(named: entry.batchText)?.id == batch
    }

    private func display(_ value: String, _ field: ProfileField) -> String {
        if field == .batch { return university.batch(named: value)?.name ?? value }
        return value.isEmpty ? "（空）" : value
    }

    private func currentMembership(_ id: PersonID) -> BatchLedger? {
        ledgers.values.first { $0.state.isMember(id) }
    }
}
