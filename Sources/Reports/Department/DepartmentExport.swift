public import Clearance
public import Sheets

/// The 数据导出 workbook a department collects, fills in and returns: one row per person the item applies to.
///
/// The first sheet is named `lixiao`, as the old portal's was: a merged title, three note rows (scope and time,
/// how to fill in, where to return), then 学工号, 姓名, 学院, 专业, 班级, 培养层次, 离校批次, 公寓楼 and 房间 (only for
/// items that concern residents), 办理状态 (`1 未办理` …, with a drop-down) and 办理备注. Only the status and remark
/// cells are unlocked; staff may still filter, sort and resize. Every row ends with its 导出编号 (`ExportCode`, locked,
/// grey, not printed), which the last note repeats: stale protection that survives CSV and copied rows. The header is frozen, filtered and repeated
/// when printing (A4 landscape, one page wide). The origin (`Origin`, kind department) follows in a hidden
/// sheet. Above 2,000 rows the workbook is written in constant-memory mode.
public enum DepartmentExport {
    /// The name of the sheet staff fill in.
    public static let sheetName = "lixiao"

    /// Writes the export of `item` for the whole school, or for `college` when the item is college-scoped.
    ///
    /// Lists the batch's members for whom the item applies (and, with a college, only that college's people),
    /// sorted by college (pipeline order), class and ID. Writes straight to `path`: the caller publishes it.
    public static func write(_ context: OutputContext, item: Item, college: College?, to path: String) throws {
        try model(context, item: item, college: college).write(to: path)
    }

    /// The export of `item` (for `college`, when college-scoped) as a workbook model.
    public static func model(_ context: OutputContext, item: Item, college: College?) throws -> WorkbookModel {
        let records = people(context, item: item, college: college)
        return try model(
            context, item: item, records: records,
            title: DepartmentText.exportTitle(DepartmentText.owner(item, college), batch: context.batch),
            scope: DepartmentText.scope(college), returnFolder: DepartmentText.returnFolder(item, college),
            origin: Origin(department: item.id, college: college, records: records, context: context))
    }

    /// Writes an ad-hoc export (`lixiao export`) of `item` for `people`, chosen by the caller, under `title`.
    ///
    /// People for whom the item does not apply are left out (the item does not exist for them); the rest are
    /// sorted as in the regular export. The origin names no college, so the return is accepted wherever the
    /// item's department may change these people.
    public static func write(
        _ context: OutputContext, item: Item, people: [PersonRecord], title: String, to path: String
    ) throws {
        try model(context, item: item, people: people, title: title).write(to: path)
    }

    /// The ad-hoc export of `item` for `people` as a workbook model.
    public static func model(
        _ context: OutputContext, item: Item, people: [PersonRecord], title: String
    ) throws -> WorkbookModel {
        let records = DepartmentPeople.sorted(people.filter { item.applies(to: $0.person) }, in: context.university)
        return try model(
            context, item: item, records: records, title: title, scope: DepartmentText.adHocScope,
            returnFolder: DepartmentText.returnFolder(item, nil),
            origin: Origin(department: item.id, college: nil, records: records, context: context))
    }

    /// The people the export of `item` (for `college`, when given) lists, in order.
    ///
    /// Also what the export is built from, for callers that fingerprint their inputs.
    public static func people(_ context: OutputContext, item: Item, college: College?) -> [PersonRecord] {
        DepartmentPeople.listed(context, item: item, college: college)
    }

    /// `数据导出-图书馆-2027届夏季毕业.xlsx`, or `数据导出-学院党委-计算机科学与技术学院-2027届夏季毕业.xlsx` for a
    /// college's part of a college-scoped item; characters no file system accepts become `_`.
    public static func fileName(item: Item, college: College?, batch: Batch) -> String {
        OutputNaming.fileName(
            [DepartmentText.fileExport, item.name] + (college.map { [$0.name] } ?? []) + [batch.name])
    }

    /// Above this many rows, workbooks keep only the current row in memory.
    static let constantMemoryThreshold = 2_000

    private static func model(
        _ context: OutputContext, item: Item, records: [PersonRecord], title: String, scope: String,
        returnFolder: String, origin: Origin
    ) throws -> WorkbookModel {
        let columns = DepartmentColumn.exportColumns(for: item)
        let statusColumn = columns.count
        let remarkColumn = columns.count + 1
        let codeColumn = columns.count + 2
        let code = ExportCode(origin).map { $0.text(signer: context.originSigner) } ?? ""
        let heading = SheetHeading(
            title: title,
            notes: DepartmentText.exportNotes(
                scope: scope, count: records.count, context: context, returnFolder: returnFolder, code: code),
            headers: columns.map(\.header) + [
                DepartmentText.Header.status, DepartmentText.Header.remark, ExportCode.header,
            ],
            editableColumns: [statusColumn, remarkColumn], printedColumns: codeColumn)

        let workbook = WorkbookBuilder(constantMemory: records.count > constantMemoryThreshold)
        workbook.stamp(code)
        workbook.stamp(context.generatedAt)
        try workbook.setProperties(
            DepartmentText.properties(context, title: title, subject: DepartmentText.exportSubject))
        let sheet = try workbook.addSheet(sheetName)
        sheet.protect(unlockedColumns: [statusColumn, remarkColumn], fromRow: heading.firstDataRow)
        try heading.write(in: sheet)
        for (offset, record) in records.enumerated() {
            let row = heading.firstDataRow + offset
            for (column, field) in columns.enumerated() {
                try field.write(record.person, in: context.university, sheet: sheet, row: row, column: column)
            }
            let state = record.state(of: item.id)
            try sheet.write(state.status.label, row: row, column: statusColumn, style: ReportStyle.editable)
            try sheet.write(state.remark, row: row, column: remarkColumn, style: ReportStyle.editable)
            try sheet.write(code, row: row, column: codeColumn, style: ReportStyle.exportCode)
        }
        if !records.isEmpty {
            try sheet.addListValidation(
                column: statusColumn, firstRow: heading.firstDataRow, lastRow: heading.firstDataRow + records.count - 1,
                values: Status.allCases.map(\.label), prompt: DepartmentText.statusPrompt,
                error: DepartmentText.statusError)
        }
        try heading.finishList(in: sheet, rowCount: records.count, landscape: true, footer: DepartmentText.footer)
        sheet.setColumnWidth(statusColumn, 13)
        sheet.setColumnWidth(remarkColumn, 32)
        sheet.setColumnWidth(codeColumn, ReportStyle.exportCodeWidth)
        try origin.write(into: workbook, signer: context.originSigner)
        return workbook.model
    }
}
