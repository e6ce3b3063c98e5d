import Clearance
import Reports
import Sheets

/// Intake of the people files: the registry export, each college's roster import (离校人员导入) and withdrawal
/// list (撤销离校, a roster-folder file with a 撤销原因 column), each planned against every batch and journalled
/// per batch.
struct PeopleProcessing {
    let session: LedgerSession
    let clock: RunClock

    /// Reads a registry export (`roster` nil), a college's roster or its withdrawal list, journals what it changes
    /// (unless previewing), and builds the receipt.
    func process(_ file: DroppedFile.Opened, roster: College?, preview: Bool) throws -> Receipt {
        let sha = file.sha256
        var receipt = Receipt(
            fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
            outcome: .processed)
        let contents: WorkbookContents
        do {
            contents = try file.workbook()
        } catch {
            receipt.outcome = .rejected(reason: IntakeRefusal.unreadable(error).staffMessage)
            return receipt
        }
        let university = session.workspace.university
        let time = clock.ledgerText()
        if let roster, let withdrawals = WithdrawalSheet(contents) {
            let intake = WithdrawalIntake(
                university: university, ledgers: session.ledgers, college: roster, time: time, actor: file.folder,
                source: sha, zone: clock.zone)
            var plan = intake.plan(withdrawals)
            _ = BatchClosure.refuse(
                &plan.changes, rows: &plan.rows, closures: try session.closures(), university: university)
            if !preview { try journal(plan.changes, time: time, actor: file.folder, source: sha) }
            receipt.rows = plan.rows
            receipt.counts = [
                .init("撤销离校", plan.count(.withdrawn)), .init("未变化", plan.count(.unchanged)),
                .init("有错误未处理的行", plan.count(.error)),
            ]
            receipt.notes = WithdrawalIntake.notes(withdrawals)
        } else {
            let sheet: PeopleSheet
            do {
                sheet = try PeopleSheet(reading: { contents }, university: university, roster: roster)
            } catch {
                receipt.outcome = .rejected(reason: error.staffMessage)
                return receipt
            }
            let reference = try session.reference()
            let intake = PeopleIntake(
                university: university, ledgers: session.ledgers, reference: reference, time: time,
                actor: file.folder, source: sha, zone: clock.zone)
            var plan = intake.plan(sheet, roster: roster)
            _ = BatchClosure.refuse(
                &plan.changes, rows: &plan.rows, closures: try session.closures(), university: university)
            if !preview { try journal(plan.changes, time: time, actor: file.folder, source: sha) }
            if roster == nil, !preview {
                // The people of a purged batch are never written back: their data was let go.
                let purged = try session.purgedPeople()
                reference.update(
                    (plan.staying + plan.departingEntries(sheet)).filter { !purged.contains($0.person.id) })
                try reference.save(with: session.store)
            }
            receipt.rows = plan.rows
            receipt.counts = [
                .init("新增人员", plan.count(.added)), .init("转批次", plan.count(.moved)),
                .init("恢复离校", plan.count(.restored)), .init("已撤销离校（未恢复）", plan.count(.withdrawn)),
                .init("信息更新", plan.count(.updated)), .init("未变化", plan.count(.unchanged)),
            ]
            if roster == nil { receipt.counts.append(.init("非本次离校（仅保存学籍信息）", plan.count(.notDeparting))) }
            receipt.counts.append(.init("有错误未处理的行", plan.count(.error)))
            if !sheet.unknownColumns.isEmpty {
                receipt.notes.append("以下列未识别，已忽略（不会保存或转发）：" + sheet.unknownColumns.joined(separator: "、"))
            }
            receipt.notes.append("表头位于第 \(sheet.headerRow) 行")
        }
        if preview { receipt.notes.insert("这是预览：以上为放入正式文件夹后将发生的结果，本次未做任何更改", at: 0) }
        return receipt
    }

    /// Appends each batch's changes to its journal, in pipeline order.
    private func journal(
        _ changes: [String: [(change: Change, row: Int?)]], time: String, actor: String, source: String
    )
        throws
    {
        for batch in session.workspace.university.batches {
            guard let batchChanges = changes[batch.id], let ledger = session.ledgers[batch.id] else { continue }
            try ledger.append(batchChanges, time: time, actor: actor, source: source)
        }
    }
}

extension IntakeRefusal {
    /// The Chinese reason a receipt gives for refusing the whole file.
    var staffMessage: String {
        switch self {
        case .unreadable(let error): error.staffMessage
        case .noHeader(let expected):
            "前 10 行中找不到表头（需要有「\(expected.prefix(3).joined(separator: "」「"))」等列名之一）"
        case .missingColumns(let columns): "缺少必需的列：" + columns.joined(separator: "、")
        }
    }
}
