public import Clearance
import Sheets

/// The Chinese text of the department-side workbooks (数据导出, 催办名单, 导师签字): headers, titles and notes.
///
/// Column headers follow the reader's header table (Pipeline's `Column`), so a returned sheet is read by the same
/// names it was written with.
enum DepartmentText {
    enum Header {
        static let id = "学工号"
        static let name = "姓名"
        static let college = "学院"
        static let major = "专业"
        static let className = "班级"
        static let level = "培养层次"
        static let batch = "离校批次"
        static let building = "公寓楼"
        static let room = "房间"
        static let advisorID = "导师工号"
        static let advisorName = "导师姓名"
        static let status = "办理状态"
        static let remark = "办理备注"
        static let currentStatus = "当前状态"
        static let signature = "签字"
        static let advisorRemark = "备注"
        static let daysLeft = "剩余天数"
        static let deadlineState = "逾期情况"
        static let pendingCount = "未办理人数"
        static let applicableCount = "应办理人数"
    }

    /// The whole school, or a college-scoped item's college, as the scope notes name it.
    static func scope(_ college: College?) -> String {
        college.map { "范围：\($0.name)" } ?? "范围：全校"
    }

    /// The scope of an ad-hoc `lixiao export`.
    static let adHocScope = "范围：按条件导出"

    /// `图书馆` or `学院党委（计算机科学与技术学院）`.
    static func owner(_ item: Item, _ college: College?) -> String {
        college.map { "\(item.name)（\($0.name)）" } ?? item.name
    }

    /// Where a department puts its returned sheet, relative to the shared folder.
    static func returnFolder(_ item: Item, _ college: College?) -> String {
        if let college { return "inbox/departments/\(item.folder)/\(college.folder)/" }
        if item.scope == .college { return "inbox/departments/\(item.folder)/<学院>/" }
        return "inbox/departments/\(item.folder)/"
    }

    /// The shared document properties, with a comment that does not forbid editing (staff fill these in).
    static func properties(_ context: OutputContext, title: String, subject: String) -> DocumentProperties {
        var properties = OutputNaming.properties(context, title: title, subject: subject)
        properties.comments = "由 lixiao 于 \(context.generatedAt) 根据离校台账生成。"
        return properties
    }

    // MARK: 数据导出

    static let exportSubject = "离校办理数据导出"

    static func exportTitle(_ owner: String, batch: Batch) -> String {
        "\(owner) 离校办理数据导出（\(batch.name)）"
    }

    static func exportNotes(
        scope: String, count: Int, context: OutputContext, returnFolder: String, code: String
    ) -> [String] {
        [
            "\(scope)，共 \(count) 人　截止日期：\(context.batch.deadline)　生成时间：\(context.generatedAt)",
            "填写：办理状态 选 1/2/3（下拉列表：1 未办理、2 无需办理、3 已办理），办理备注 可填说明；其余列已锁定。",
            "改好后保存，放回 \(returnFolder)（可改文件名、另存为 CSV、排序筛选或复制到新表，保留「导出编号」列即可），"
                + "处理结果见回执。\(exportCodeNote(code))",
        ]
    }

    /// The end of the last note: the export code, so that rows copied without their 导出编号 column but with the
    /// notes still carry it.
    static func exportCodeNote(_ code: String) -> String {
        "\(ExportCode.header)：\(code)"
    }

    static let statusPrompt = (title: "办理状态", message: "请选择：1 未办理、2 无需办理、3 已办理")
    static let statusError = (title: "办理状态无效", message: "请从下拉列表中选择 1 未办理、2 无需办理 或 3 已办理。")

    // MARK: 催办名单

    static let pendingSubject = "离校办理催办名单"
    static let pendingSheet = "催办名单"
    static let pendingSummarySheet = "按班级汇总"

    static func pendingTitle(_ owner: String, batch: Batch) -> String {
        "\(owner) 催办名单（\(batch.name)）"
    }

    static func pendingNotes(scope: String, pending: Int, applicable: Int, context: OutputContext) -> [String] {
        [
            "\(scope)　未办理 \(pending) 人 / 应办理 \(applicable) 人　截止日期：\(context.batch.deadline)"
                + "（\(deadlineState(context.today.days(until: context.batch.deadline)))）",
            "今天：\(context.today)　生成时间：\(context.generatedAt)　按学院、班级排列，逾期行以红字标出。",
        ]
    }

    /// `剩余 5 天`, `今天截止` or `已逾期 3 天`.
    static func deadlineState(_ daysLeft: Int) -> String {
        if daysLeft > 0 { return "剩余 \(daysLeft) 天" }
        if daysLeft == 0 { return "今天截止" }
        return "已逾期 \(-daysLeft) 天"
    }

    static func pendingSummaryTitle(_ owner: String, batch: Batch) -> String {
        "\(owner) 未办理人数（按班级，\(batch.name)）"
    }

    // MARK: 导师签字

    static let advisorSubject = "导师签字名单"
    static let advisorSheet = "导师签字"
    static let yes = "是"

    /// An advisor signature's state as advisors speak of it (see ``Clearance/Status/signatureLabel``).
    static func signatureLabel(_ status: Status) -> String { status.signatureLabel }
    static let no = "否"

    static func advisorTitle(_ advisorName: String, batch: Batch) -> String {
        "\(advisorName) 导师签字名单（\(batch.name)）"
    }

    static func advisorNotes(advisorID: String, count: Int, context: OutputContext, code: String) -> [String] {
        [
            "导师工号：\(advisorID)，共 \(count) 人　截止日期：\(context.batch.deadline)　生成时间：\(context.generatedAt)",
            "填写：同意离校的学生在 签字 列选「是」，暂不同意选「否」并在 备注 写明原因；其余列已锁定。",
            "改好后保存，放回 inbox/advisors/\(advisorID)/（可改文件名或另存为 CSV，保留「导出编号」列即可）。"
                + exportCodeNote(code),
        ]
    }

    static let signaturePrompt = (title: "签字", message: "请选择：是（同意离校）或 否")
    static let signatureError = (title: "签字无效", message: "请从下拉列表中选择 是 或 否。")

    static let fileExport = "数据导出"
    static let filePending = "催办名单"
    static let fileAdvisor = "导师签字"
    static let footer = "离校系统 lixiao 生成"
}

extension Status {
    /// The status of an advisor's signature as advisors speak of it: 已签字 / 未签字 (/ 无需签字).
    public var signatureLabel: String {
        switch self {
        case .done: "已签字"
        case .notRequired: "无需签字"
        case .pending: "未签字"
        }
    }
}
