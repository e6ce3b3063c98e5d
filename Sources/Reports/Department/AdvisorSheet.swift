public import Clearance
public import Sheets

/// The 导师签字 workbook an advisor collects, signs and returns: their students in this batch.
///
/// Lists the batch's members whose 导师工号 is the advisor's and for whom the advisor item applies, sorted like a
/// department export, with 学工号, 姓名, 学院, 专业, 班级, 培养层次, 当前状态 (the item's status label, locked), 签字
/// (a 是/否 drop-down, `是` already filled in for students whose status is 3 已办理, otherwise empty) and 备注 (the
/// item's remark) and 导出编号 (`ExportCode`). Only 签字 and 备注 are unlocked; the header is frozen, filtered and repeated when printing.
/// The origin (kind advisor, the advisor item, the advisor's 工号, each student's status and remark) follows in
/// a hidden sheet.
public enum AdvisorSheet {
    /// Writes the sheet of the advisor whose 工号 is `advisorID`.
    ///
    /// An advisor with no student in the batch gets a sheet with the heading only. Throws
    /// `AdvisorSheetError.noAdvisorItem` when the pipeline has no advisor-scoped item. Writes straight to `path`:
    /// the caller publishes it.
    public static func write(_ context: OutputContext, advisorID: String, to path: String) throws {
        try model(context, advisorID: advisorID).write(to: path)
    }

    /// The sheet of the advisor whose 工号 is `advisorID`, as a workbook model.
    public static func model(_ context: OutputContext, advisorID: String) throws -> WorkbookModel {
        guard let item = advisorItem(in: context.university) else { throw AdvisorSheetError.noAdvisorItem }
        let records = students(context, advisorID: advisorID)
        let advisorName = records.first { !$0.person.advisorName.isEmpty }?.person.advisorName ?? advisorID
        let title = DepartmentText.advisorTitle(advisorName, batch: context.batch)
        let columns: [DepartmentColumn] = [.id, .name, .college, .major, .className, .level]
        let statusColumn = columns.count
        let signatureColumn = columns.count + 1
        let remarkColumn = columns.count + 2
        let codeColumn = columns.count + 3
        let origin = Origin(
            kind: .advisor, batch: context.batch.id, item: item.id, advisor: advisorID, sequence: context.sequence,
            generatedAt: context.generatedAt,
            rows: Dictionary(records.map { ($0.person.id, $0.state(of: item.id)) }) { first, _ in first })
        let code = ExportCode(origin).map { $0.text(signer: context.originSigner) } ?? ""
        let heading = SheetHeading(
            title: title,
            notes: DepartmentText.advisorNotes(
                advisorID: advisorID, count: records.count, context: context, code: code),
            headers: columns.map(\.header) + [
                DepartmentText.Header.currentStatus, DepartmentText.Header.signature,
                DepartmentText.Header.advisorRemark, ExportCode.header,
            ],
            editableColumns: [signatureColumn, remarkColumn], printedColumns: codeColumn)

        let workbook = WorkbookBuilder(constantMemory: records.count > DepartmentExport.constantMemoryThreshold)
        workbook.stamp(code)
        workbook.stamp(context.generatedAt)
        try workbook.setProperties(
            DepartmentText.properties(context, title: title, subject: DepartmentText.advisorSubject))
        let sheet = try workbook.addSheet(DepartmentText.advisorSheet)
        sheet.protect(unlockedColumns: [signatureColumn, remarkColumn], fromRow: heading.firstDataRow)
        try heading.write(in: sheet)
        for (offset, record) in records.enumerated() {
            let row = heading.firstDataRow + offset
            for (column, field) in columns.enumerated() {
                try field.write(record.person, in: context.university, sheet: sheet, row: row, column: column)
            }
            let state = record.state(of: item.id)
            try sheet.write(
                DepartmentText.signatureLabel(state.status), row: row, column: statusColumn, style: ReportStyle.text)
            let signed = state.status == .done ? DepartmentText.yes : ""
            try sheet.write(signed, row: row, column: signatureColumn, style: ReportStyle.editable)
            try sheet.write(state.remark, row: row, column: remarkColumn, style: ReportStyle.editable)
            try sheet.write(code, row: row, column: codeColumn, style: ReportStyle.exportCode)
        }
        if !records.isEmpty {
            try sheet.addListValidation(
                column: signatureColumn, firstRow: heading.firstDataRow,
                lastRow: heading.firstDataRow + records.count - 1, values: [DepartmentText.yes, DepartmentText.no],
                prompt: DepartmentText.signaturePrompt, error: DepartmentText.signatureError)
        }
        try heading.finishList(in: sheet, rowCount: records.count, landscape: true, footer: DepartmentText.footer)
        sheet.setColumnWidth(signatureColumn, 8)
        sheet.setColumnWidth(remarkColumn, 32)
        sheet.setColumnWidth(codeColumn, ReportStyle.exportCodeWidth)
        try origin.write(into: workbook, signer: context.originSigner)
        return workbook.model
    }

    /// The advisor's students the sheet lists, in order: members with that 导师工号 for whom the advisor item
    /// applies (none when the pipeline has no advisor item).
    public static func students(_ context: OutputContext, advisorID: String) -> [PersonRecord] {
        guard let item = advisorItem(in: context.university) else { return [] }
        let records = (context.membersByAdvisor[advisorID] ?? []).filter { item.applies(to: $0.person) }
        return DepartmentPeople.sorted(records, in: context.university)
    }

    /// Every advisor with a student to sign for in the batch, by 工号, with the name their students give.
    public static func advisors(_ context: OutputContext) -> [(id: String, name: String)] {
        guard let item = advisorItem(in: context.university) else { return [] }
        var names: [String: String] = [:]
        for record in context.members where record.person.hasAdvisor && item.applies(to: record.person) {
            if names[record.person.advisorID, default: ""].isEmpty {
                names[record.person.advisorID] = record.person.advisorName
            }
        }
        return names.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `导师签字-陈教授-2027届夏季毕业.xlsx`; characters no file system accepts become `_`.
    public static func fileName(advisorName: String, batch: Batch) -> String {
        OutputNaming.fileName([DepartmentText.fileAdvisor, advisorName, batch.name])
    }

    /// The pipeline's advisor signature item (the first advisor-scoped item).
    static func advisorItem(in university: University) -> Item? {
        university.items.first { $0.scope == .advisor }
    }
}

/// Why an advisor sheet cannot be made.
public enum AdvisorSheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pipeline defines no advisor-scoped item, so there is nothing to sign.
    case noAdvisorItem

    public var description: String {
        switch self {
        case .noAdvisorItem: "the pipeline defines no advisor item (scope = \"advisor\"), so no advisor sheet is made"
        }
    }
}
