public import Clearance

/// The Chinese text receipts use for people who left a batch: moved to another batch (转出/转入) or withdrawn by
/// their college (撤销离校), and for re-adding them. One catalogue, so every receipt says it the same way; times
/// are shown in the zone given.
public enum LeavingText {
    /// Who a folder speaks for, as staff name it: a college's roster folder is the college.
    public static func who(_ actor: String, _ university: University) -> String {
        let parts = actor.split(separator: "/").map(String.init)
        if parts.count >= 2, parts[0] == "colleges",
            let college = university.colleges.first(where: { $0.folder == parts[1] })
        {
            return college.name
        }
        if actor == "registry" { return "学籍库导出" }
        return actor
    }

    /// A batch's display name from its id (the id itself when the pipeline no longer has it).
    public static func batchName(_ id: String, _ university: University) -> String {
        university.batch(named: id)?.name ?? id
    }

    /// `已由「计算机学院」于 2027-05-01 10:00:00 撤销离校（原因：延期毕业）`; the reason only for the college and
    /// the registrar, not for departments.
    static func withdrawn(_ withdrawal: Withdrawal, _ university: University, _ zone: LocalZone, reason: Bool = true)
        -> String
    {
        "已由「\(who(withdrawal.actor, university))」于 \(zone.text(ledger: withdrawal.time)) 撤销离校"
            + (withdrawal.reason.isEmpty || !reason ? "" : "（原因：\(Quoted.short(withdrawal.reason))）")
    }

    /// `已于 2027-05-01 10:00:00 转入「2027届冬季毕业」`.
    static func movedOut(_ transfer: Transfer, _ university: University, _ zone: LocalZone) -> String {
        let when = transfer.time.isEmpty ? "" : "于 \(zone.text(ledger: transfer.time)) "
        return "已\(when)转入「\(batchName(transfer.to, university))」"
    }

    /// Why a row naming someone recorded in `batch` but no longer departing there changes nothing.
    static func notMember(_ membership: Membership, batch: Batch, _ university: University, _ zone: LocalZone)
        -> String
    {
        switch membership {
        case .member: ""
        case .withdrawn(let withdrawal):
            "此人已撤销离校（由「\(who(withdrawal.actor, university))」于 \(zone.text(ledger: withdrawal.time)) 撤销），"
                + "不再办理「\(batch.name)」的离校手续"
        case .movedOut(let transfer):
            "此人\(movedOut(transfer, university, zone))，请在「\(batchName(transfer.to, university))」的表中办理"
        }
    }

    /// A self-service application from a person their college withdrew.
    static func applicationWithdrawn(_ withdrawal: Withdrawal, _ university: University, _ zone: LocalZone) -> String {
        "你的离校手续\(withdrawn(withdrawal, university, zone, reason: false))，不能自助申请；如有疑问请联系学院"
    }

    // MARK: Registry and roster rows

    static func movedIn(from: String, _ university: University, hadRecord: Bool) -> String {
        "由「\(batchName(from, university))」转入本批次（原批次保留其记录，标记为转出）"
            + (hadRecord ? "；恢复此前在本批次记录的办理状态" : "；各办理项从「1 未办理」开始")
    }

    static func restored(_ withdrawal: Withdrawal, _ university: University, _ zone: LocalZone) -> String {
        "恢复离校：此人此前\(withdrawn(withdrawal, university, zone))；此前记录的办理状态保留"
    }

    static func stillWithdrawn(_ withdrawal: Withdrawal, _ university: University, _ zone: LocalZone) -> String {
        "此人\(withdrawn(withdrawal, university, zone))；学籍库仍列在本批次，与上次导出相同，未恢复。"
            + "如需恢复，请学院在「离校人员导入」中重新导入此人"
    }

    static func issuedNotMoved(
        _ issuance: Issuance, from: Batch, to: String, _ university: University, _ zone: LocalZone
    ) -> String {
        "此人已于 \(zone.text(ledger: issuance.time)) 在「\(from.name)」发放两证，不能转入「\(batchName(to, university))」；"
            + "本行未处理。如学籍库有误，请更正后重新导出"
    }

    static let notConfiguredHint = "如此人不再于该批次离校，请学院用「撤销离校模板」撤销"

    static func studentStatusBatch(_ batch: Batch) -> String {
        "有学籍人员的离校批次以学籍库为准：此人在「\(batch.name)」已撤销离校，如需恢复请在「离校批次」填「\(batch.name)」"
    }

    static func studentStatusElsewhere(_ batch: Batch) -> String {
        "此人现在「\(batch.name)」离校名单中（有学籍人员的离校批次以学籍库为准），不能在此恢复"
    }
}
