import Clearance
import Reports

/// Reads one returned file for its folder's role, plans what it changes, journals that (unless previewing),
/// and builds its receipt.
struct ReturnProcessing {
    let session: LedgerSession
    let clock: RunClock

    func process(_ file: DroppedFile.Opened, folder: ReturnFolder, sha: String, preview: Bool) throws -> Receipt {
        var receipt = Receipt(
            fileName: file.name, folder: file.folder, sha256: sha, processedAt: clock.localText(),
            outcome: .processed)
        let wanted: [Column] =
            switch folder.role {
            case .department: [.status, .remark]
            case .advisor: [.signature, .status]
            case .issuance: [.confirmIssuance]
            case .applications: [.name]
            }
        let sheet: ReturnSheet
        do {
            sheet = try ReturnSheet(reading: file.workbook, wanted: wanted, signer: session.originSigner)
        } catch {
            receipt.outcome = .rejected(reason: error.reason)
            return receipt
        }
        let university = session.workspace.university
        if let origin = sheet.origin, let journal = session.ledgers[origin.batch]?.journal,
            origin.sequence > journal.lastSequence
        {
            receipt.outcome = .rejected(
                reason: "此表的来源信息记录的账本序号（\(origin.sequence)）超过账本现有的记录数（\(journal.lastSequence)）："
                    + "账本可能缺失了记录，此表未处理；请联系管理员运行 lixiao verify")
            return receipt
        }
        // A sheet exported from a closed batch is answered whole: nothing in it can change that batch.
        let closures = try session.closures()
        if let origin = sheet.origin, let closure = closures[origin.batch], closure.isClosed,
            let batch = university.batches.first(where: { $0.id == origin.batch })
        {
            receipt.outcome = .rejected(reason: "此表导出自" + closure.refusal(batch))
            return receipt
        }
        var plan = ReturnPlan(session: session, zone: clock.zone)
        var notices: [PersonID] = []
        var statusReturn: StatusReturn?
        let time = clock.ledgerText()
        switch folder.role {
        case .department, .advisor:
            guard let target = folder.role.statusTarget else { return receipt }
            let baselines = ReturnBaselines(
                item: target.item.id, sheet: sheet, signer: session.originSigner,
                journals: session.ledgers.mapValues(\.journal))
            let names = SourceNames(archive: session.store.archive, zone: clock.zone)
            let request = StatusReturn(
                item: target.item, college: target.college, advisor: target.advisor, sheet: sheet,
                baselines: baselines, sha: sha, describe: names.describe)
            if let mismatch = request.originMismatch(university) {
                receipt.outcome = .rejected(reason: mismatch)
                return receipt
            }
            try request.plan(into: &plan)
            statusReturn = request
        case .issuance(let college):
            let request = IssuanceReturn(
                college: college, sheet: sheet, source: "\(folder.relative)/\(file.name)",
                time: time)
            if let mismatch = request.originMismatch(university) {
                receipt.outcome = .rejected(reason: mismatch)
                return receipt
            }
            request.plan(into: &plan)
        case .applications:
            var request = try ApplicationReturn(sheet: sheet, reference: session.reference())
            request.plan(into: &plan)
            notices = request.noticeFor
        }
        let refused = plan.refuseClosed(closures)
        notices.removeAll { refused.contains($0) }
        if !preview {
            for batch in university.batches {
                guard let changes = plan.changes[batch.id], !changes.isEmpty, let ledger = session.ledgers[batch.id]
                else {
                    continue
                }
                try ledger.append(changes, time: time, actor: folder.relative, source: sha)
            }
            for id in notices { _ = try AdHocExport.notice(session: session, person: id, to: nil, clock: clock) }
        }
        receipt.rows = plan.rows
        receipt.counts = [
            .init(preview ? "将应用" : "已应用", plan.count(.applied)), .init("未变化", plan.count(.unchanged)),
            .init("冲突（未应用）", plan.count(.conflict)), .init("错误（未应用）", plan.count(.error)),
        ]
        if case .issuance = folder.role {
            receipt.counts.insert(.init("未满足条件（未发证）", plan.count(.notEligible)), at: 2)
        }
        if let statusReturn, statusReturn.baselines.codes.isEmpty || plan.count(.overwritten) > 0 {
            receipt.counts.insert(.init(preview ? "将覆盖他人设置的值" : "覆盖他人设置的值（已应用）", plan.count(.overwritten)), at: 1)
        }
        if preview { receipt.notes.append("这是预览：以上为放入正式文件夹后将发生的结果，本次未做任何更改") }
        if let statusReturn {
            receipt.notes += ReturnNotes.status(statusReturn, plan: plan, university: university)
        } else if case .issuance = folder.role, let origin = sheet.origin {
            let batch = university.batches.first { $0.id == origin.batch }?.name ?? origin.batch
            receipt.notes.append("来源：\(batch)，导出于 \(origin.generatedAt)（账本序号 \(origin.sequence)）")
        }
        return receipt
    }
}
