import Clearance
import Ledger
import Reports
import Sheets

/// Department returns and advisor signatures: each row sets one item's status and remark for one person (or a
/// range of people) within the folder's scope, merged three ways with the value at export (DESIGN.md §3). The
/// export a row came from is named by the workbook's origin or by the row's 导出编号 (`ReturnBaselines`); a row
/// with neither applies as written, and every value it overwrites that another file set is reported as 覆盖.
struct StatusReturn {
    let item: Item
    /// The college a college-scoped department speaks for.
    let college: College?
    /// The advisor an advisor folder speaks for.
    let advisor: String?
    let sheet: ReturnSheet
    let baselines: ReturnBaselines
    /// The SHA-256 of the returned file: a value this file set is no overwrite.
    let sha: String
    /// Says which file, folder and time made a journal change (`由 inbox/… 的「…」于 … 设置`).
    let describe: (ItemHistory.Change) -> String

    /// Checks the sheet's origin and every export code it carries against the folder; the reason when one
    /// belongs elsewhere.
    func originMismatch(_ university: University) -> String? {
        let origins = (sheet.origin.map { [$0] } ?? []) + baselines.codes.map(\.origin)
        for origin in origins {
            if let reason = mismatch(origin, university) { return reason }
        }
        return nil
    }

    private func mismatch(_ origin: Origin, _ university: University) -> String? {
        let expectedKind: Origin.Kind = advisor == nil ? .department : .advisor
        let originItem = origin.item.flatMap { university.item($0) }?.name ?? origin.item?.rawValue ?? "（无）"
        if origin.kind != expectedKind || origin.item != item.id {
            return "此表是「\(originItem)」的\(origin.kind == .issuance ? "发证名单" : "导出表")，不能放入「\(item.name)」的文件夹"
        }
        // An ad-hoc export (lixiao export) may carry no college: its rows are scope-checked one by one.
        if let college, let originCollege = origin.college, originCollege != college.id {
            let other = origin.college.flatMap { university.college(named: $0)?.name } ?? "全校"
            return "此表是「\(other)」的导出表，不能放入「\(college.name)」的文件夹"
        }
        if let advisor, origin.advisor != advisor {
            return "此表是导师 \(origin.advisor ?? "（未知）") 的签字表，不能放入导师 \(advisor) 的文件夹"
        }
        if university.batches.first(where: { $0.id == origin.batch }) == nil {
            return "此表的离校批次（\(origin.batch)）不在本次配置的批次中"
        }
        return nil
    }

    /// Plans every row.
    func plan(into plan: inout ReturnPlan) throws {
        var seen: [PersonID: Int] = [:]
        var baselines = self.baselines
        /// Cells an earlier row of this file changed: a later row builds on them, as the dropper expects.
        var changedHere: Set<PersonID> = []
        func exported(_ record: PersonRecord, _ code: ExportCode?) throws -> ItemState? {
            guard let code else { return nil }
            return try baselines.exported(record.person.id, code: code)
        }
        for row in sheet.rows {
            let idCell = sheet.cell(row, .id) ?? .empty
            if idCell.isEmpty, row.cells.allSatisfy({ $0.isEmpty || TextNormaliser.trimmed($0.text).isEmpty }) {
                continue
            }
            let code: ExportCode?
            switch baselines.code(of: row.number) {
            case .success(let found): code = found
            case .failure(let problem):
                plan.outcome(
                    row.number, nil, id: TextNormaliser.trimmed(idCell.text), .error, "「导出编号」列：\(problem.message)")
                continue
            }
            if let code, baselines.isBeyondJournal(code) {
                plan.outcome(
                    row.number, nil, id: TextNormaliser.trimmed(idCell.text), .error,
                    "「导出编号」列：编号记录的账本序号（\(code.sequence)）超过账本现有的记录数，账本可能缺失了记录，此行未处理；请联系管理员运行 lixiao verify")
                continue
            }
            guard let wanted = wantedState(row, into: &plan) else { continue }
            let batch = code?.batch
            switch RowTarget(idCell) {
            case .invalid(let reason):
                plan.outcome(row.number, nil, id: TextNormaliser.trimmed(idCell.text), .error, "「学工号」列：\(reason)")
            case .person(let id):
                if let first = seen[id] {
                    plan.outcome(row.number, nil, id: id.rawValue, .error, "「学工号」列：本文件第 \(first) 行已有该学工号，此行未处理")
                    continue
                }
                seen[id] = row.number
                guard let (found, record) = plan.find(id, batch: batch) else {
                    let reason = plan.absence(id, batch: batch) ?? "「学工号」列：不在\(batch == nil ? "" : "本批次")离校名单中"
                    plan.outcome(row.number, nil, id: id.rawValue, .error, reason)
                    continue
                }
                if let refusal = scopeRefusal(record.person) {
                    // A row of a wider export (all colleges) left as it was exported is nobody's change.
                    if let before = try exported(record, code), Self.asExported(wanted, before) {
                        plan.outcome(row.number, record, id: id.rawValue, .unchanged, "不属于本文件夹的范围，与导出时相同，未处理")
                    } else {
                        plan.outcome(row.number, record, id: id.rawValue, .error, refusal)
                    }
                    continue
                }
                let before = changedHere.contains(id) ? record.state(of: item.id) : try exported(record, code)
                if try merge(
                    record, batch: found, wanted: wanted, exported: before, row: row.number,
                    setHere: changedHere.contains(id), baselines: &baselines, into: &plan)
                {
                    changedHere.insert(id)
                }
            case .range(let range):
                let people = plan.members(in: range, batch: batch).filter { scopeRefusal($0.record.person) == nil }
                guard !people.isEmpty else {
                    plan.outcome(
                        row.number, nil, id: "\(range.first.rawValue)-\(range.last.rawValue)", .error,
                        "「学工号」列：范围内没有本文件夹可以修改的人员")
                    continue
                }
                for (found, record) in people {
                    let id = record.person.id
                    let before = changedHere.contains(id) ? record.state(of: item.id) : try exported(record, code)
                    if try merge(
                        record, batch: found, wanted: wanted, exported: before, row: row.number,
                        setHere: changedHere.contains(id), baselines: &baselines, into: &plan)
                    {
                        changedHere.insert(id)
                    }
                }
            }
        }
    }

    /// The status and remark a row asks for (`nil` cells left alone), or `nil` after recording a row error.
    private func wantedState(_ row: Row, into plan: inout ReturnPlan) -> (status: Status?, remark: String?)? {
        let id = TextNormaliser.trimmed((sheet.cell(row, .id) ?? .empty).text)
        var status: Status?
        if advisor != nil, let cell = sheet.cell(row, .signature) {
            let answer = TextNormaliser.yesNo(cell)
            guard answer.isValid else {
                plan.outcome(row.number, nil, id: id, .error, "「签字」列：「\(Quoted.short(cell.text))」无效，请填「是」或「否」")
                return nil
            }
            status = answer.answer.map { $0 ? .done : .pending }
        } else if let cell = sheet.cell(row, .status) {
            switch TextNormaliser.status(cell) {
            case .success(let value): status = value
            case .failure(let problem):
                plan.outcome(
                    row.number, nil, id: id, .error,
                    "「办理状态」列：「\(Quoted.short(problem.text))」无效，应为 1/2/3 或 未办理/无需办理/已办理")
                return nil
            }
        }
        let remark = sheet.cell(row, .remark).map { TextNormaliser.text($0) }
        if let remark, remark.count > FieldLimits.remark {
            plan.outcome(
                row.number, nil, id: Quoted.short(id), .error,
                FieldLimits.message(column: "办理备注", count: remark.count, limit: FieldLimits.remark))
            return nil
        }
        return (status, remark)
    }

    /// Whether a row asks for exactly what the export showed (an empty cell leaves its value alone).
    static func asExported(_ wanted: (status: Status?, remark: String?), _ exported: ItemState) -> Bool {
        (wanted.status ?? exported.status) == exported.status
            && TextNormaliser.trimmed(wanted.remark ?? exported.remark) == TextNormaliser.trimmed(exported.remark)
    }

    /// A status as this folder's staff speak of it: 已签字/未签字 for advisors, `3 已办理` for departments.
    private func label(_ status: Status) -> String {
        advisor == nil ? status.label : status.signatureLabel
    }

    /// Why this folder may not change `person`'s item, or `nil` when it may.
    private func scopeRefusal(_ person: Person) -> String? {
        if let college, person.college != college.name {
            return "此人属于「\(person.college)」，本文件夹只能修改「\(college.name)」的人员"
        }
        if let advisor, person.advisorID != advisor {
            return "此人的导师不是 \(advisor)，只能为自己的学生签字"
        }
        if !item.applies(to: person) { return "「\(item.name)」不适用于此人，无需办理" }
        return nil
    }

    /// Merges one row into one person's cell; whether a change was planned. `setHere` says an earlier row of this
    /// file set the current value.
    private func merge(
        _ record: PersonRecord, batch: Batch, wanted: (status: Status?, remark: String?), exported: ItemState?,
        row: Int, setHere: Bool, baselines: inout ReturnBaselines, into plan: inout ReturnPlan
    ) throws -> Bool {
        let current = record.state(of: item.id)
        let outcome = ReturnMerge.merge(
            exported: exported, status: wanted.status, remark: wanted.remark, current: current)
        let field = advisor == nil ? "办理状态" : "签字状态"
        /// Who set the current value: the file, folder and time, or nothing when it is the initial state.
        func setter() throws -> String {
            guard !setHere else { return "（由本文件前面的行设置）" }
            guard let change = try baselines.lastChange(of: record.person.id, batch: batch.id) else { return "" }
            return "（\(describe(change))）"
        }
        var notes: [String] = []
        if case .conflict(let ledger) = outcome.status {
            let now = Int(ledger).flatMap(Status.init(rawValue:)).map(label) ?? ledger
            notes.append("冲突：导出后系统中的\(field)已被改为「\(now)」\(try setter())，表中的修改未应用")
        }
        if case .conflict(let ledger) = outcome.remark {
            notes.append("冲突：导出后系统中的办理备注已被改为「\(ledger)」\(outcome.status == .unchanged ? try setter() : "")，表中的修改未应用")
        }
        if let next = outcome.newState {
            plan.apply(.statusSet(record.person.id, item.id, old: current, new: next), batch: batch.id, row: row)
            var applied: [String] = []
            if next.status != current.status {
                applied.append("\(field) \(label(current.status)) → \(label(next.status))")
            }
            if next.remark != current.remark { applied.append("办理备注「\(next.remark)」") }
            if record.isIssued, next.status == .pending {
                applied.append("注意：此人已发证，现改回未办理，将在学院和领导统计中标记为「发证后暂扣」")
            }
            // Without an export to compare with, a value another file set is overwritten: say so, never silently.
            if exported == nil, !setHere, let change = try baselines.lastChange(of: record.person.id, batch: batch.id),
                change.source != sha
            {
                let was = label(current.status) + (current.remark.isEmpty ? "" : "，备注「\(Quoted.short(current.remark))」")
                applied.append("覆盖：原为「\(was)」，\(describe(change))")
                plan.outcome(row, record, id: record.person.id.rawValue, .overwritten, applied.joined(separator: "；"))
                return true
            }
            plan.outcome(row, record, id: record.person.id.rawValue, .applied, (applied + notes).joined(separator: "；"))
            return true
        } else if outcome.hasConflict {
            plan.outcome(row, record, id: record.person.id.rawValue, .conflict, notes.joined(separator: "；"))
        } else {
            plan.outcome(row, record, id: record.person.id.rawValue, .unchanged)
        }
        return false
    }
}
