import Clearance

/// The Chinese text of a college's 两证发放 workbook: sheet names, headers, titles, notes and messages.
///
/// The 可发证 headers are the names the issuance return reads back (学工号 as the key, 确认发证 as the value).
enum CollegeText {
    enum Sheet {
        static let issuable = "可发证"
        static let issued = "已发证"
        static let blocked = "未完成"
        static let statistics = "两证发放统计"
    }

    enum Header {
        static let id = "学工号"
        static let name = "姓名"
        static let major = "专业"
        static let className = "班级"
        static let level = "培养层次"
        static let profile = [id, name, major, className, level]
        static let confirmation = "确认发证"
        static let issuedAt = "发证时间"
        static let issuanceSource = "确认来源"
        static let note = "备注"
        static let standing = "发证情况"
        static let blockers = "未完成事项"
        static let blockerCount = "未完成数"
    }

    static let yes = "是"
    static let no = "否"
    static let validationPrompt = (title: "确认发证", message: "已发放两证的选择“是”")
    static let validationError = (title: "只能选择“是”或“否”", message: "请从下拉列表中选择“是”或“否”。")

    static func workbookTitle(_ college: College, _ batch: Batch) -> String { "\(college.name) \(batch.name) 两证发放" }
    static let workbookSubject = "可发证、已发证、未完成名单与两证发放统计"
    static let fileNamePrefix = "两证发放"

    static func issuableTitle(_ college: College) -> String { "\(college.name) 可发证名单" }
    static func issuedTitle(_ college: College) -> String { "\(college.name) 已发证名单" }
    static func blockedTitle(_ college: College) -> String { "\(college.name) 未完成名单" }
    static func statisticsTitle(_ college: College) -> String { "\(college.name) 两证发放统计" }

    /// The 可发证 instructions, in lines short enough for the table's width.
    static func issuableInstructions(_ college: College) -> [String] {
        [
            "填写说明：已发放两证的，在「\(Header.confirmation)」列选择“是”，其他列请勿修改；",
            "保存后放入共享文件夹 inbox/colleges/\(college.folder)/issuance/ 。",
        ]
    }

    /// `2027届夏季毕业 · 共 3 人 · 生成于 2027-06-25 09:00:00`.
    static func countLine(_ context: OutputContext, count: Int) -> String {
        "\(context.batch.name) · 共 \(count) 人 · 生成于 \(context.generatedAt)"
    }

    static func blockedCountLine(_ context: OutputContext, count: Int) -> String {
        "\(context.batch.name) · 共 \(count) 人未满足发证条件 · 生成于 \(context.generatedAt)"
    }

    static func deadlineLine(_ context: OutputContext) -> String {
        "\(context.batch.name) · 截止日期 \(context.batch.deadline) · 生成于 \(context.generatedAt)"
    }

    static func holdWarning(_ count: Int) -> String {
        "注意：其中 \(count) 人已发证，但发证后有事项被改回“1 未办理”（红色标出），请核实。"
    }

    static let notIssued = "未发证"
    static let heldStanding = "已发证·发证后暂扣"
    static let heldNotePrefix = "发证后有事项改回未办理："
    static let notApplicable = "—"
    static let noClass = "（未填班级）"
    /// Joins blocking items in 未完成事项.
    static let blockerSeparator = "；"

    /// `图书馆` or `图书馆（欠书 2 本）`.
    static func blocker(_ item: Item, remark: String) -> String {
        remark.isEmpty ? item.name : "\(item.name)（\(remark)）"
    }

    enum Figures {
        static let headers = ["指标", "人数", "占离校人数"]
        static let people = "离校人数"
        static let issued = "已发证"
        static let waiting = "待发证（已满足条件）"
        static let blockedNotIssued = "未完成（未发证）"
        static let eligible = "已满足发证条件"
        static let blocked = "未满足发证条件"
        static let held = "其中发证后暂扣"
        static let pieTitle = "两证发放情况"
        static let pieSeries = "人数"

        static let classSection = "各班级两证发放情况"
        static let classHeaders = ["班级", "人数", "已发证", "待发证", "未完成（未发证）", "发证后暂扣", "发证率"]
        static let classAxis = "班级"
        static let peopleAxis = "人数"

        static let itemSection = "各事项未办理人数"
        static let itemHeaders = ["办理项", "未办理人数"]
        static let noPendingItems = "各事项均已办结，无未办理人员"
    }
}
