public import Clearance
public import Sheets

/// The blank templates in `outbox/templates/`, each a data sheet to fill in and a 填写说明 sheet.
///
/// Every template's data sheet has its header in row 1, the columns staff must fill tinted, ID columns
/// pre-formatted as text, drop-downs for the values the pipeline defines (colleges, levels, batches; a list too
/// long for Excel goes to a hidden sheet automatically) on the first 2,000 rows, a frozen, filtered header and
/// A4 landscape printing. Templates carry no origin: their rows are applied as written.
public enum Templates {
    /// Which template.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 离校人员导入模板: a college's roster of people without student status.
        case roster
        /// 部门回传模板: a department's own list of statuses.
        case departmentReturn
        /// 导师签字模板: an advisor's own list of signatures.
        case advisor
        /// 发证确认模板: a college's own list of issued certificates.
        case issuance
        /// 自助离校申请模板: a departing person's application.
        case application
        /// 撤销离校模板: a college's withdrawal of its own people, dropped into its roster folder.
        case withdrawal

        /// The file name in `outbox/templates/`, such as `离校人员导入模板.xlsx`.
        public var fileName: String {
            switch self {
            case .roster: TemplateText.rosterFile
            case .departmentReturn: TemplateText.departmentFile
            case .advisor: TemplateText.advisorFile
            case .issuance: TemplateText.issuanceFile
            case .application: TemplateText.applicationFile
            case .withdrawal: TemplateText.withdrawalFile
            }
        }
    }

    /// Writes the template of `kind` for `university` to `path` (the caller publishes it).
    public static func write(_ kind: Kind, university: University, to path: String) throws {
        try model(kind, university: university).write(to: path)
    }

    /// The template of `kind` for `university` as a workbook model.
    public static func model(_ kind: Kind, university: University) throws -> WorkbookModel {
        try sheet(kind, university: university).model(company: university.name)
    }

    /// 离校人员导入模板: 学工号, 姓名, 性别 (男/女), 学院, 专业, 班级, 培养层次, 导师工号, 导师姓名, 公寓楼, 房间,
    /// 离校批次, with drop-downs of the pipeline's colleges, levels and batches (by display name).
    public static func rosterTemplate(_ university: University, to path: String) throws {
        try write(.roster, university: university, to: path)
    }

    /// 部门回传模板 (sheet `lixiao`): 学工号, 姓名, 办理状态 (drop-down of `1 未办理` …), 办理备注; the
    /// instructions explain range rows such as `11120201-11120260` and list the department folders.
    public static func departmentReturnTemplate(_ university: University, to path: String) throws {
        try write(.departmentReturn, university: university, to: path)
    }

    /// 导师签字模板: 学工号, 姓名, 签字 (是/否), 备注.
    public static func advisorTemplate(_ university: University, to path: String) throws {
        try write(.advisor, university: university, to: path)
    }

    /// 发证确认模板: 学工号, 姓名, 确认发证 (是/否).
    public static func issuanceTemplate(_ university: University, to path: String) throws {
        try write(.issuance, university: university, to: path)
    }

    /// 自助离校申请模板: 学号, 姓名, 离校批次 (drop-down of the batches' display names).
    public static func applicationTemplate(_ university: University, to path: String) throws {
        try write(.application, university: university, to: path)
    }

    /// 撤销离校模板: 学工号, 姓名, 离校批次 (drop-down; may be left empty), 撤销原因.
    public static func withdrawalTemplate(_ university: University, to path: String) throws {
        try write(.withdrawal, university: university, to: path)
    }

    /// The columns and instructions of the template of `kind`.
    static func sheet(_ kind: Kind, university: University) -> TemplateSheet {
        typealias Column = TemplateSheet.Column
        typealias Header = DepartmentText.Header
        let id = Column(header: Header.id, required: true, isText: true)
        let name = Column(header: Header.name, width: 12)
        let batches = university.batches.map(\.name)
        switch kind {
        case .roster:
            return TemplateSheet(
                sheetName: TemplateText.rosterSheet, title: TemplateText.rosterTitle,
                columns: [
                    id, Column(header: Header.name, required: true, width: 12),
                    Column(header: TemplateText.Header.gender, choices: TemplateText.genders, width: 8),
                    Column(header: Header.college, choices: university.colleges.map(\.name), width: 24),
                    Column(header: Header.major, width: 18), Column(header: Header.className),
                    Column(header: Header.level, required: true, choices: university.levels, width: 12),
                    Column(header: Header.advisorID, isText: true), Column(header: Header.advisorName, width: 12),
                    Column(header: Header.building, width: 12), Column(header: Header.room, isText: true, width: 10),
                    Column(header: Header.batch, required: true, choices: batches, width: 20),
                ],
                instructions: TemplateText.roster(levels: university.levels, batches: batches) + TemplateText.common)
        case .departmentReturn:
            let departments = university.items.filter { $0.scope != .advisor }
            return TemplateSheet(
                sheetName: DepartmentExport.sheetName, title: TemplateText.departmentTitle,
                columns: [
                    id, name,
                    Column(header: Header.status, required: true, choices: Status.allCases.map(\.label), width: 14),
                    Column(header: Header.remark, width: 36),
                ],
                instructions: TemplateText.departmentReturn(
                    folders: departments.map(\.folder),
                    collegeFolders: departments.filter { $0.scope == .college }.map(\.folder)) + TemplateText.common)
        case .advisor:
            return TemplateSheet(
                sheetName: TemplateText.advisorSheet, title: TemplateText.advisorTitle,
                columns: [
                    id, name,
                    Column(header: Header.signature, required: true, choices: TemplateText.yesNo, width: 8),
                    Column(header: TemplateText.Header.remark, width: 36),
                ],
                instructions: TemplateText.advisor + TemplateText.common)
        case .issuance:
            return TemplateSheet(
                sheetName: TemplateText.issuanceSheet, title: TemplateText.issuanceTitle,
                columns: [
                    id, name,
                    Column(
                        header: TemplateText.Header.confirmIssuance, required: true, choices: TemplateText.yesNo,
                        width: 10),
                ],
                instructions: TemplateText.issuance + TemplateText.common)
        case .application:
            return TemplateSheet(
                sheetName: TemplateText.applicationSheet, title: TemplateText.applicationTitle,
                columns: [
                    Column(header: TemplateText.Header.studentNumber, required: true, isText: true),
                    Column(header: Header.name, required: true, width: 12),
                    Column(header: Header.batch, required: true, choices: batches, width: 20),
                ],
                instructions: TemplateText.application(batches: batches) + TemplateText.common)
        case .withdrawal:
            return TemplateSheet(
                sheetName: TemplateText.withdrawalSheet, title: TemplateText.withdrawalTitle,
                columns: [
                    id, Column(header: Header.name, required: true, width: 12),
                    Column(header: Header.batch, choices: batches, width: 20),
                    Column(header: TemplateText.Header.withdrawalReason, required: true, width: 40),
                ],
                instructions: TemplateText.withdrawal(batches: batches) + TemplateText.common)
        }
    }
}
