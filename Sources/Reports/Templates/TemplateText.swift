/// The Chinese text of the blank templates: file and sheet names, headers and the 填写说明 lines.
enum TemplateText {
    static let subject = "离校系统空白模板"
    static let category = "离校手续"
    static let instructionsSheet = "填写说明"
    static let choosePrompt = "请从下拉列表中选择"
    static let chooseError = "请从下拉列表中选择一项。"

    static func instructionsTitle(_ title: String) -> String { "\(title) 填写说明" }
    static func invalidTitle(_ header: String) -> String { "\(header)无效" }
    static func choices(_ values: [String]) -> String { values.joined(separator: "、") }

    enum Header {
        static let studentNumber = "学号"
        static let gender = "性别"
        static let remark = "备注"
        static let confirmIssuance = "确认发证"
        static let withdrawalReason = "撤销原因"
    }

    static let genders = ["男", "女"]
    static let yesNo = ["是", "否"]

    // MARK: File and sheet names, titles

    static let rosterFile = "离校人员导入模板.xlsx"
    static let rosterSheet = "离校人员导入"
    static let rosterTitle = "离校人员导入模板"
    static let departmentFile = "部门回传模板.xlsx"
    static let departmentTitle = "部门回传模板"
    static let advisorFile = "导师签字模板.xlsx"
    static let advisorSheet = "导师签字"
    static let advisorTitle = "导师签字模板"
    static let issuanceFile = "发证确认模板.xlsx"
    static let issuanceSheet = "发证确认"
    static let issuanceTitle = "发证确认模板"
    static let applicationFile = "自助离校申请模板.xlsx"
    static let applicationSheet = "自助离校申请"
    static let applicationTitle = "自助离校申请模板"
    static let withdrawalFile = "撤销离校模板.xlsx"
    static let withdrawalSheet = "撤销离校"
    static let withdrawalTitle = "撤销离校模板"

    // MARK: 填写说明

    typealias Line = (topic: String, text: String)

    /// Lines every template's instructions end with.
    static let common: [Line] = [
        ("必填列", "黄色表头的列必须填写；其余列按实际情况填写。列的顺序可以调整，表头之上可以加标题行，多余的列会被忽略。"),
        ("学工号", "按文本填写（模板中该列已设为文本格式），开头的 0 会保留；不要写成 1.1120205E7 这样的科学计数法。"),
        ("文件格式", "保存为 .xlsx（也接受 .xls，或 UTF-8、GBK 编码的 .csv）；数据放在第一张工作表。"),
        ("处理结果", "系统处理后会在 outbox 对应文件夹的「回执」中生成回执，逐行说明是否已应用及原因；同一文件重复放入不会重复处理。"),
    ]

    static func roster(levels: [String], batches: [String]) -> [Line] {
        [
            ("用途", "学院登记没有学籍的离校人员（如进修生、访问学者）；学籍库中已有的学生由系统自动导入，不必填写。"),
            ("放入位置", "inbox/colleges/<学院>/roster/，只能登记本学院的人员。"),
            ("学院", "从下拉列表选择，须与放入的学院文件夹一致；可以不填。"),
            ("培养层次", "从下拉列表选择：\(choices(levels))。"),
            ("离校批次", "从下拉列表选择：\(choices(batches))。"),
            ("导师工号", "有导师的人员填写导师工号和导师姓名，导师签字表按导师工号分发。"),
            ("公寓楼、房间", "住在学生公寓的人员填写，公寓管理中心据此办理退宿。"),
            ("恢复离校", "已撤销离校的本学院人员，在此表中重新导入即恢复（有学籍的学生只需填写学工号、姓名、培养层次和原离校批次）；此前记录的办理状态保留。"),
        ]
    }

    static func withdrawal(batches: [String]) -> [Line] {
        [
            (
                "用途",
                "学院撤销本学院人员的离校手续（如延期毕业、误报、退学）。撤销后此人不再出现在本批次的各部门名单、催办名单、学院名单、统计和离校通知单中；办理记录保留在台账中，lixiao show / history 可查。"
            ),
            ("放入位置", "inbox/colleges/<学院>/roster/（与离校人员导入相同的文件夹）；系统按「撤销原因」列识别为撤销离校表。只能撤销本学院人员，已发放两证的人员不能撤销。"),
            ("学工号、姓名", "每行一人，不接受学工号范围；姓名须与系统中一致，用于核对，防止撤销错人。"),
            ("离校批次", "可留空（撤销此人当前所在的批次），或从下拉列表选择：\(choices(batches))。"),
            ("撤销原因", "必须填写，记入台账，并在回执、lixiao show 和 lixiao history 中显示。"),
            ("恢复", "撤销有误或需恢复时，在 离校人员导入 表中重新导入此人即可恢复，此前记录的办理状态保留。学籍库中改为其他批次的学生会转入该批次。"),
        ]
    }

    static func departmentReturn(folders: [String], collegeFolders: [String]) -> [Line] {
        var lines: [Line] = [
            ("用途", "部门自行整理名单时使用。系统在 outbox/departments/<部门>/ 生成的「数据导出」可直接修改后放回，并能识别多人同时修改造成的冲突，建议优先使用。"),
            ("放入位置", "inbox/departments/<部门>/；本校部门文件夹：\(choices(folders))。"),
        ]
        if !collegeFolders.isEmpty {
            lines.append(("学院级部门", "\(choices(collegeFolders)) 按学院分开办理：放入 inbox/departments/<部门>/<学院>/，只能办理该学院的人员。"))
        }
        lines += [
            ("办理状态", "填 1、2、3 或 未办理、无需办理（无须办理）、已办理，可从下拉列表选择。"),
            ("办理备注", "可留空；填写的内容原样记入台账，并显示在离校通知单上。"),
            (
                "批量填写",
                "学工号 一格可写一个范围，如 11120201-11120260 或 11120201~11120260：该范围内本批次、本部门可办理的每个人都按这一行的状态和备注办理；一个范围最多 200 个学号。"
            ),
        ]
        return lines
    }

    static let advisor: [Line] = [
        ("用途", "导师为自己指导的学生签字（同意离校）。系统在 outbox/advisors/<导师工号>/ 生成带学生名单的签字表，建议直接使用该表。"),
        ("放入位置", "inbox/advisors/<导师工号>/，只能为本人指导的学生签字。"),
        ("签字", "选「是」表示同意离校；选「否」表示暂不同意，请在 备注 中写明原因。"),
    ]

    static let issuance: [Line] = [
        ("用途", "学院确认已发放毕业证和学位证（两证）。系统在 outbox/colleges/<学院>/ 生成「可发证」名单，建议直接使用该名单。"),
        ("放入位置", "inbox/colleges/<学院>/issuance/，只能确认本学院的人员。"),
        ("确认发证", "选「是」表示已发放两证。只有全部办理项均为 无需办理 或 已办理 的人可以发证，其他行在回执中列为错误；每人只记录一次。"),
    ]

    static func application(batches: [String]) -> [Line] {
        [
            ("用途", "离校人员自助申请离校：系统核对各办理项，并生成本人的离校通知单（列出每个办理项的状态和办理地点）。"),
            ("放入位置", "inbox/applications/；回执在 outbox/applications/回执/。"),
            ("离校批次", "从下拉列表选择：\(choices(batches))。"),
        ]
    }
}
