public import Clearance
public import Sheets

/// The leaders' statistics workbook (离校办理统计) for `outbox/admin/<批次>/`: every item, every college, an
/// item × college completion matrix, and progress over time.
///
/// Sheets: 事项统计 (applies / 1 / 2 / 3 / completion rate per item, a stacked bar per item), 学院统计 (people,
/// eligible, issued, blocked, post-issuance holds per college, bars side by side per college), 完成率矩阵,
/// 每日办理进度 (clearances per day per item and in total; a column per day and a line of the running total) and
/// 办理时长 (median and mean days to clear per item, bars, or a note while there is nothing to plot). Every sheet
/// prints on A4 landscape, one page wide, with its heading repeated.
public enum LeadersWorkbook {
    /// Writes the workbook from the batch's state and the journal's `progress` to `path` (the caller publishes
    /// it atomically).
    public static func write(_ context: OutputContext, progress: ClearanceProgress, to path: String) throws {
        try model(context, progress: progress).write(to: path)
    }

    /// The workbook as a model.
    public static func model(_ context: OutputContext, progress: ClearanceProgress) throws -> WorkbookModel {
        let statistics = BatchStatistics(state: context.state, university: context.university)
        let workbook = WorkbookBuilder()
        try workbook.setProperties(
            OutputNaming.properties(
                context, title: Text.title(context), subject: Text.subject))
        try writeItems(statistics, context, in: try workbook.addSheet(Text.itemsSheet))
        try writeColleges(statistics, context, in: try workbook.addSheet(Text.collegesSheet))
        try writeMatrix(statistics, context, in: try workbook.addSheet(Text.matrixSheet))
        try writeDailyProgress(progress, context, in: try workbook.addSheet(Text.dailySheet))
        try writeTimeToClear(progress, context, in: try workbook.addSheet(Text.durationSheet))
        return workbook.model
    }

    typealias Text = StatisticsText.Leaders

    /// `离校办理统计-<批次>.xlsx`.
    public static func fileName(batch: Batch) -> String {
        OutputNaming.fileName([Text.fileNamePrefix, batch.name])
    }

    /// The note line under every sheet's title.
    static func note(_ context: OutputContext) -> String {
        StatisticsText.schoolLine(context)
    }

    /// Freezes the heading and prints the sheet landscape, one page wide, the heading on every page.
    static func finish(_ sheet: SheetBuilder, headerRow: Int, footer: String) throws(XlsxWriterError) {
        sheet.freezeHeader(rows: headerRow + 1)
        sheet.autoFitColumns(minimum: 9, maximum: 30)
        try sheet.printSetup(PrintSetup(landscape: true, repeatRows: 0...headerRow, footerText: footer))
    }

    private static func writeItems(_ statistics: BatchStatistics, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        let heading = SheetHeading(
            title: Text.itemsTitle, notes: [note(context), StatisticsText.rateRule], headers: [])
        try heading.write(in: sheet, minimumWidth: 6)
        let names = Dictionary(context.university.items.map { ($0.id, $0.name) }) { first, _ in first }
        let table = StatusTable(
            groupHeader: StatisticsText.item,
            rows: statistics.items.map { (names[$0.item] ?? $0.item.rawValue, $0.total) })
        if let rows = try table.write(in: sheet, headerRow: heading.headerRow) {
            try sheet.insertChart(
                StatusTable.chart(title: Text.itemsTitle, sheet: sheet, rows: rows, categoryTitle: StatisticsText.item),
                row: heading.headerRow, column: 7)
        }
        try finish(sheet, headerRow: heading.headerRow, footer: Text.itemsTitle)
    }

    private static func writeColleges(
        _ statistics: BatchStatistics, _ context: OutputContext, in sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        var notes = [note(context)]
        if statistics.withdrawn + statistics.movedOut > 0 {
            notes.append(Text.leavers(withdrawn: statistics.withdrawn, movedOut: statistics.movedOut))
        }
        let heading = SheetHeading(title: Text.collegesTitle, notes: notes, headers: Text.collegeHeaders)
        try heading.write(in: sheet)
        typealias Line = (name: String, people: Int, eligible: Int, issued: Int, held: Int)
        var lines: [Line] = statistics.colleges.map {
            ($0.college, $0.people, $0.eligible, $0.issued, $0.heldAfterIssuance)
        }
        lines.append(
            lines.reduce(into: (StatisticsText.wholeSchool, 0, 0, 0, 0)) { total, line in
                total.people += line.people
                total.eligible += line.eligible
                total.issued += line.issued
                total.held += line.held
            })
        for (index, line) in lines.enumerated() {
            let row = heading.firstDataRow + index
            let isTotal = index == lines.count - 1
            var text = ReportStyle.text
            var count = ReportStyle.count
            var percent = ReportStyle.percent
            text.bold = isTotal
            count.bold = isTotal
            percent.bold = isTotal
            try sheet.write(line.name, row: row, column: 0, style: text)
            let values = [line.people, line.eligible, line.issued, line.people - line.eligible, line.held]
            for (offset, value) in values.enumerated() {
                let style = offset == 4 && value > 0 ? ReportStyle.warning.with(numberFormat: .integer) : count
                try sheet.write(Double(value), row: row, column: 1 + offset, style: style)
            }
            if line.people > 0 {
                try sheet.write(Double(line.issued) / Double(line.people), row: row, column: 6, style: percent)
            } else {
                try sheet.writeBlank(row: row, column: 6, style: percent)
            }
        }
        if !statistics.colleges.isEmpty {
            let dataRows = heading.firstDataRow...(heading.firstDataRow + statistics.colleges.count - 1)
            let colors = [ChartLayout.Color.waiting, ChartLayout.Color.done, ChartLayout.Color.pending]
            let series = zip([2, 3, 4], colors).map { column, color in
                ChartSeries(
                    name: Text.collegeHeaders[column], sheet: sheet,
                    categories: ColumnCells(column: 0, rows: dataRows),
                    values: ColumnCells(column: column, rows: dataRows), color: color)
            }
            try sheet.insertChart(
                ChartLayout.bars(
                    title: Text.collegesTitle, series: series, count: statistics.colleges.count,
                    categoryTitle: StatisticsText.college, valueTitle: StatisticsText.people, widthScale: 1.6),
                row: heading.headerRow, column: 8)
        }
        try finish(sheet, headerRow: heading.headerRow, footer: Text.collegesTitle)
    }

    /// Writes 完成率矩阵: one row per college (and 全校), one column per item, each cell the share of the
    /// college's applicable people who cleared the item; blank where the item applies to nobody there.
    private static func writeMatrix(_ statistics: BatchStatistics, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        let items = statistics.items
        let names = Dictionary(context.university.items.map { ($0.id, $0.name) }) { first, _ in first }
        let heading = SheetHeading(
            title: Text.matrixTitle, notes: [note(context), Text.matrixNote],
            headers: [StatisticsText.college] + items.map { names[$0.item] ?? $0.item.rawValue })
        try heading.write(in: sheet)
        let colleges = statistics.colleges.map(\.college)
        for (index, college) in (colleges + [StatisticsText.wholeSchool]).enumerated() {
            let row = heading.firstDataRow + index
            let isTotal = index == colleges.count
            try sheet.write(college, row: row, column: 0, style: CellStyle(bold: isTotal, border: .thin))
            for (offset, item) in items.enumerated() {
                let counts = isTotal ? item.total : item.byCollege[college] ?? StatusCounts()
                var style = ReportStyle.percent
                style.bold = isTotal
                if counts.total > 0 {
                    try sheet.write(
                        Double(counts.cleared) / Double(counts.total), row: row, column: 1 + offset, style: style)
                } else {
                    try sheet.writeBlank(row: row, column: 1 + offset, style: style)
                }
            }
        }
        try finish(sheet, headerRow: heading.headerRow, footer: Text.matrixTitle)
    }
}
