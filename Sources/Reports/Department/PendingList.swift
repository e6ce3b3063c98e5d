public import Clearance
public import Sheets

/// The 催办名单 a department prints to chase people: who is still `1 未办理` for its item, by college and class.
///
/// The first sheet lists them with 学院 and 班级 first (sorted by them, so a printout reads as groups while the
/// filter and sort still work), then 学工号, 姓名, 公寓楼/房间 for items that concern residents, 导师 for advisor
/// items, 剩余天数 (days from `context.today` to the batch deadline; negative once overdue), 逾期情况 (`剩余 5 天`,
/// `今天截止`, `已逾期 3 天`) and the remark. Overdue rows are drawn in red. The notes carry the summary, pending
/// against applicable. A second sheet counts the pending people per college and class. Both print on A4, one
/// page wide, with the heading repeated. Nothing is returned from it, so it has no origin and no protection.
public enum PendingList {
    /// Writes the pending list of `item` for the whole school, or for `college` when given.
    ///
    /// Writes straight to `path`: the caller publishes it.
    public static func write(_ context: OutputContext, item: Item, college: College?, to path: String) throws {
        try model(context, item: item, college: college).write(to: path)
    }

    /// The pending list of `item` (for `college`, when given) as a workbook model.
    public static func model(_ context: OutputContext, item: Item, college: College?) throws -> WorkbookModel {
        let applicable = DepartmentExport.people(context, item: item, college: college)
        let pending = applicable.filter { $0.state(of: item.id).status == .pending }
        let owner = DepartmentText.owner(item, college)
        let title = DepartmentText.pendingTitle(owner, batch: context.batch)
        let workbook = WorkbookBuilder(constantMemory: pending.count > DepartmentExport.constantMemoryThreshold)
        try workbook.setProperties(
            DepartmentText.properties(context, title: title, subject: DepartmentText.pendingSubject))
        let notes = DepartmentText.pendingNotes(
            scope: DepartmentText.scope(college), pending: pending.count, applicable: applicable.count,
            context: context)
        try writeList(
            pending, item: item, context: context, heading: SheetHeading(title: title, notes: notes, headers: []),
            into: try workbook.addSheet(DepartmentText.pendingSheet))
        try writeSummary(
            pending: pending, applicable: applicable,
            title: DepartmentText.pendingSummaryTitle(owner, batch: context.batch),
            into: try workbook.addSheet(DepartmentText.pendingSummarySheet))
        return workbook.model
    }

    /// `催办名单-图书馆-2027届夏季毕业.xlsx`, with the college after the item for a college's part of a
    /// college-scoped item.
    public static func fileName(item: Item, college: College?, batch: Batch) -> String {
        OutputNaming.fileName(
            [DepartmentText.filePending, item.name] + (college.map { [$0.name] } ?? []) + [batch.name])
    }

    private static func writeList(
        _ pending: [PersonRecord], item: Item, context: OutputContext, heading template: SheetHeading,
        into sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        let columns = DepartmentColumn.pendingColumns(for: item)
        var heading = template
        heading.headers =
            columns.map(\.header) + [
                DepartmentText.Header.daysLeft, DepartmentText.Header.deadlineState, DepartmentText.Header.remark,
            ]
        try heading.write(in: sheet)
        let daysLeft = context.today.days(until: context.batch.deadline)
        let overdue = daysLeft < 0
        var dayStyle = ReportStyle.count
        if overdue { dayStyle.fontColor = ReportStyle.warning.fontColor }
        let textStyle = overdue ? ReportStyle.warning : ReportStyle.text
        for (offset, record) in pending.enumerated() {
            let row = heading.firstDataRow + offset
            for (column, field) in columns.enumerated() {
                try field.write(
                    record.person, in: context.university, sheet: sheet, row: row, column: column, warning: overdue)
            }
            try sheet.write(Double(daysLeft), row: row, column: columns.count, style: dayStyle)
            try sheet.write(
                DepartmentText.deadlineState(daysLeft), row: row, column: columns.count + 1, style: textStyle)
            try sheet.write(record.state(of: item.id).remark, row: row, column: columns.count + 2, style: textStyle)
        }
        try heading.finishList(in: sheet, rowCount: pending.count, landscape: false, footer: DepartmentText.footer)
        sheet.setColumnWidth(columns.count + 2, 30)
    }

    /// One row per college and class with anyone pending: how many are pending and how many the item applies to.
    private static func writeSummary(
        pending: [PersonRecord], applicable: [PersonRecord], title: String, into sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        struct Group: Hashable {
            var college: String
            var className: String
        }
        func group(_ record: PersonRecord) -> Group {
            Group(college: record.person.college, className: record.person.className)
        }
        var applicableCounts: [Group: Int] = [:]
        for record in applicable { applicableCounts[group(record), default: 0] += 1 }
        var groups: [Group] = []
        var pendingCounts: [Group: Int] = [:]
        for record in pending {
            let key = group(record)
            if pendingCounts[key] == nil { groups.append(key) }
            pendingCounts[key, default: 0] += 1
        }
        let heading = SheetHeading(
            title: title, notes: [],
            headers: [
                DepartmentText.Header.college, DepartmentText.Header.className, DepartmentText.Header.pendingCount,
                DepartmentText.Header.applicableCount,
            ])
        try heading.write(in: sheet)
        for (offset, key) in groups.enumerated() {
            let row = heading.firstDataRow + offset
            try sheet.write(key.college, row: row, column: 0, style: ReportStyle.text)
            try sheet.write(key.className, row: row, column: 1, style: ReportStyle.text)
            try sheet.write(Double(pendingCounts[key] ?? 0), row: row, column: 2, style: ReportStyle.count)
            try sheet.write(Double(applicableCounts[key] ?? 0), row: row, column: 3, style: ReportStyle.count)
        }
        try heading.finishList(in: sheet, rowCount: groups.count, footer: DepartmentText.footer)
    }
}
