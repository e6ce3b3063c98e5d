import Clearance
import Sheets

/// The Chinese text of the departure notice (离校通知单): labels, headers and the closing lines.
enum NoticeText {
    static let name = "离校通知单"
    static func workbookTitle(_ person: Person) -> String { "离校通知单 \(person.id.rawValue) \(person.name)" }
    static func subject(_ batch: Batch) -> String { "\(batch.name) 离校通知单" }
    static func title(_ university: University) -> String { "\(university.name) 离校通知单" }
    static func footer(_ university: University) -> String { "\(university.name) 离校系统" }
    static func batchLine(_ batch: Batch) -> String { "离校批次：\(batch.name)　　办理截止日期：\(batch.deadline)" }

    static let profileSection = "个人信息"
    static let itemsSection = "办理事项"
    static let itemHeaders = ["办理项", "办理状态", "办理备注", "办理地点"]
    static let none = "无"

    /// The profile as label/value pairs, two to a row.
    static func profile(_ person: Person) -> [(String, String, String, String)] {
        let room = [person.building, person.room].filter { !$0.isEmpty }.joined(separator: " ")
        let advisor = person.advisorName + (person.advisorID.isEmpty ? "" : "（\(person.advisorID)）")
        return [
            ("学工号", person.id.rawValue, "姓名", person.name),
            ("培养层次", person.level, "学院", person.college),
            ("班级", person.className, "专业", person.major),
            ("公寓楼/房间", room.isEmpty ? none : room, "导师", advisor.isEmpty ? none : advisor),
        ]
    }

    /// `图书馆、导师签字`, or a count pointing at the table when the names would not fit on one line.
    static func blockers(_ eligibility: Eligibility, fitting width: Int) -> String {
        let names = eligibility.blockers.map(\.item.name).joined(separator: "、")
        return DisplayWidth.of(names) <= width ? names : "\(eligibility.blockers.count) 项（见上表红色标出的事项）"
    }

    static func issued(at time: String) -> String { "两证发放：已发证（\(time)）" }
    static func heldAfterIssuance(_ blockers: String) -> String { "注意：发证后以下事项改回未办理，请尽快办理：\(blockers)" }
    static let eligible = "发证资格：所有事项均已办结，已满足发证条件，请到学院领取两证。"
    static func blocked(_ blockers: String) -> String { "发证资格：尚未满足发证条件，还需办理：\(blockers)" }

    static func deadline(_ batch: Batch, daysLeft: Int) -> String {
        daysLeft >= 0
            ? "办理截止日期：\(batch.deadline)（还剩 \(daysLeft) 天）"
            : "办理截止日期：\(batch.deadline)（已逾期 \(-daysLeft) 天）"
    }

    static func generated(_ context: OutputContext) -> String {
        "生成时间：\(context.generatedAt)（办理状态以离校系统最新记录为准）"
    }

    static let signature = "本人签字：____________________　　　　日期：________年____月____日"

    /// The lines beside a printed notice's QR code: what it proves and how to check it.
    static func codeCaption(keyIdentifier: String) -> [String] {
        [
            "防伪核验：右侧二维码载有离校系统以 Ed25519 电子签名的本通知单内容（学工号、姓名、各事项办理状态、发证资格及生成时间）。",
            "核验方法：lixiao check-notice <本 PDF 文件或二维码内容> --public-key 离校通知单公钥.pem；"
                + "可离线核验，内容被改动或非本校签发的通知单将被判定为伪造。",
            "签名公钥指纹：\(keyIdentifier)（公钥见 outbox/notices/离校通知单公钥.pem）",
            "已被更新的通知单列于各批次的「离校通知单失效名单」。",
        ]
    }

    static func notInBatch(_ person: PersonID, _ batch: String) -> String {
        "学工号 \(person.rawValue) 不在 \(batch) 的离校名单中，无法生成离校通知单"
    }
}
