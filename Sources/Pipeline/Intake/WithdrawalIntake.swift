import Clearance
import Reports

/// Decides what a college's withdrawal list (撤销离校) changes: each row withdraws one of the college's own
/// departing people from their batch, with the reason given.
///
/// A row is refused (a row error, nothing applied) when its 学工号 is empty, invalid or a range (withdrawals are
/// made one person at a time), repeats an earlier row, has no reason, names a batch the pipeline does not have,
/// names a person not departing, a person of another college (the error names their college), a 姓名 that is not
/// the person's, or a person already issued (已发放两证). A person already withdrawn is unchanged.
struct WithdrawalIntake {
    let university: University
    let ledgers: [String: BatchLedger]
    let college: College
    /// The ledger time, inbox folder and file (SHA-256) the withdrawals are journalled with.
    let time: String
    let actor: String
    let source: String
    /// The zone receipts show times in.
    let zone: LocalZone

    /// What the rows add up to: changes per batch and a receipt line per row.
    struct Plan {
        var changes: [String: [(change: Change, row: Int?)]] = [:]
        var rows: [Receipt.RowOutcome] = []

        func count(_ result: Receipt.RowResult) -> Int { rows.filter { $0.result == result }.count }
    }

    func plan(_ sheet: WithdrawalSheet) -> Plan {
        var plan = Plan()
        var seen: [PersonID: Int] = [:]
        for line in sheet.lines {
            func outcome(_ id: String, _ name: String, _ result: Receipt.RowResult, _ detail: String) {
                plan.rows.append(.init(row: line.row, id: id, name: name, result: result, detail: detail))
            }
            let typed = TextNormaliser.trimmed(line.id.text)
            let id: PersonID
            switch RowTarget(line.id) {
            case .invalid(let reason):
                outcome(typed, line.name, .error, "「学工号」列：\(reason)")
                continue
            case .range:
                outcome(typed, line.name, .error, "「学工号」列：撤销离校须逐人填写学工号，不接受范围")
                continue
            case .person(let person): id = person
            }
            if let first = seen[id] {
                outcome(id.rawValue, line.name, .error, "「学工号」列：本文件第 \(first) 行已有该学工号，此行未处理")
                continue
            }
            seen[id] = line.row
            switch decide(id, line) {
            case .failure(let refusal): outcome(id.rawValue, refusal.name ?? line.name, .error, refusal.detail)
            case .success(let decision):
                let record = decision.record
                if let earlier = record.withdrawal {
                    outcome(
                        id.rawValue, record.person.name, .unchanged,
                        "此人\(LeavingText.withdrawn(earlier, university, zone))，无需重复撤销")
                    continue
                }
                let withdrawal = Withdrawal(time: time, actor: actor, source: source, reason: line.reason)
                plan.changes[decision.batch.id, default: []].append((.withdrawn(id, withdrawal), line.row))
                outcome(
                    id.rawValue, record.person.name, .withdrawn,
                    "已撤销「\(decision.batch.name)」的离校手续（原因：\(Quoted.short(line.reason))）；"
                        + "此人不再出现在本批次的名单、统计和通知单中，办理记录保留")
            }
        }
        return plan
    }

    /// A row's refusal: the detail for the receipt, and the person's name when it is known.
    private struct Refusal: Error {
        var detail: String
        var name: String?
    }

    /// Whom a valid row withdraws from which batch.
    private struct Decision {
        var batch: Batch
        var record: PersonRecord
    }

    private func decide(_ id: PersonID, _ line: WithdrawalSheet.Line) -> Result<Decision, Refusal> {
        guard !line.reason.isEmpty else {
            return .failure(Refusal(detail: "「撤销原因」列：请写明撤销原因（如 延期毕业、误报、退学）"))
        }
        guard line.reason.count <= FieldLimits.remark else {
            return .failure(
                Refusal(
                    detail: FieldLimits.message(column: "撤销原因", count: line.reason.count, limit: FieldLimits.remark)))
        }
        var batch: Batch?
        if !line.batchText.isEmpty {
            guard let named = university.batch(named: line.batchText) else {
                let known = university.batches.map(\.name).joined(separator: "、")
                return .failure(
                    Refusal(detail: "「离校批次」列：「\(Quoted.short(line.batchText))」无效，应为\(known)之一；也可留空"))
            }
            batch = named
        }
        // The batch they depart in now (within the named batch, if any); else where they were withdrawn already;
        // else a batch they moved out of.
        let candidates = university.batches.filter { batch == nil || $0.id == batch?.id }
        let found =
            candidates.lazy.compactMap { self.record(id, in: $0) { $0.isMember(of: $1) } }.first
            ?? candidates.lazy.compactMap { self.record(id, in: $0) { record, _ in record.withdrawal != nil } }.first
            ?? candidates.lazy.compactMap { self.record(id, in: $0) { _, _ in true } }.first
        guard let (foundBatch, record) = found else {
            return .failure(Refusal(detail: "「学工号」列：不在\(batch.map { "「\($0.name)」" } ?? "")离校名单中"))
        }
        let person = record.person
        guard person.college == college.name else {
            return .failure(
                Refusal(detail: "此人属于「\(person.college)」，学院只能撤销本学院人员的离校手续", name: person.name))
        }
        if !line.name.isEmpty, line.name != person.name {
            return .failure(Refusal(detail: "「姓名」列：「\(Quoted.short(line.name))」与学工号不符（系统中为「\(person.name)」）"))
        }
        if case .movedOut(let transfer) = record.membership(in: foundBatch.id) {
            return .failure(
                Refusal(
                    detail: "此人\(LeavingText.movedOut(transfer, university, zone))，"
                        + "如需撤销请在「离校批次」填「\(LeavingText.batchName(transfer.to, university))」或留空",
                    name: person.name))
        }
        if let issuance = record.issuance {
            return .failure(
                Refusal(
                    detail: "此人已于 \(zone.text(ledger: issuance.time)) 发放两证，不能撤销离校",
                    name: person.name))
        }
        return .success(Decision(batch: foundBatch, record: record))
    }

    /// The record of `id` in `batch`, when `accepts` it (given the record and the batch id).
    private func record(_ id: PersonID, in batch: Batch, accepts: (PersonRecord, String) -> Bool)
        -> (Batch, PersonRecord)?
    {
        guard let record = ledgers[batch.id]?.state[id], accepts(record, batch.id) else { return nil }
        return (batch, record)
    }
}

extension WithdrawalIntake {
    /// The summary notes of a withdrawal list's receipt: what kind of file it was taken for, what withdrawal
    /// means, and how to undo it.
    static func notes(_ sheet: WithdrawalSheet) -> [String] {
        var notes = [
            "本文件有「撤销原因」列，已按撤销离校处理（表头位于第 \(sheet.headerRow) 行）",
            "被撤销的人员不再出现在本批次的各部门名单、催办名单、学院名单、统计和离校通知单中；办理记录保留在台账中",
            "如需恢复，请在本文件夹放入离校人员导入表重新导入此人，此前记录的办理状态保留",
        ]
        if !sheet.unknownColumns.isEmpty {
            notes.append("以下列未识别，已忽略：" + sheet.unknownColumns.joined(separator: "、"))
        }
        return notes
    }
}
