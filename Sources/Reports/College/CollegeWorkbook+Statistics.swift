import Clearance
import Sheets

extension CollegeWorkbook {
    /// Writes 两证发放统计: the college's figures with a pie of issued / waiting / blocked, the same per class
    /// with a stacked bar chart, and how many people each item still blocks, with a bar chart (or a note when
    /// no item blocks anyone).
    ///
    /// The three blocks stand one under another, each chart to the right of the tables, so the sheet is
    /// written top to bottom (constant-memory mode allows nothing else).
    static func writeStatistics(_ roster: CollegeRoster, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        var total = IssuanceTally()
        var classes: [String: IssuanceTally] = [:]
        var classOrder: [String] = []
        var pendingByItem: [ItemID: Int] = [:]
        for entry in roster.entries {
            total.add(entry)
            let className = entry.person.className.isEmpty ? CollegeText.noClass : entry.person.className
            if classes[className] == nil { classOrder.append(className) }
            classes[className, default: IssuanceTally()].add(entry)
            for blocker in entry.eligibility.blockers { pendingByItem[blocker.item.id, default: 0] += 1 }
        }
        let heading = SheetHeading(
            title: CollegeText.statisticsTitle(roster.college), notes: [CollegeText.deadlineLine(context)],
            headers: CollegeText.Figures.headers)
        try heading.write(in: sheet, minimumWidth: 8)
        typealias Figures = CollegeText.Figures
        // The pie takes rows 2–4 (issued, waiting, blocked and not issued), which add up to the first.
        let summary: [(String, Int)] = [
            (Figures.people, total.people), (Figures.issued, total.issued), (Figures.waiting, total.waiting),
            (Figures.blockedNotIssued, total.blockedNotIssued), (Figures.eligible, total.eligible),
            (Figures.blocked, total.blocked), (Figures.held, total.held),
        ]
        var row = heading.firstDataRow
        for (label, value) in summary {
            let style = label == Figures.held && value > 0 ? ReportStyle.warning : ReportStyle.text
            try sheet.write(label, row: row, column: 0, style: style)
            try sheet.write(Double(value), row: row, column: 1, style: ReportStyle.count)
            try writeShare(total.share(value), in: sheet, row: row, column: 2)
            row += 1
        }
        let pieRows = (heading.firstDataRow + 1)...(heading.firstDataRow + 3)
        try sheet.insertChart(
            ChartSpec(
                kind: .pie, title: Figures.pieTitle,
                series: [
                    ChartSeries(
                        name: Figures.pieSeries, sheet: sheet, categories: ColumnCells(column: 0, rows: pieRows),
                        values: ColumnCells(column: 1, rows: pieRows),
                        pointColors: [ChartLayout.Color.done, ChartLayout.Color.waiting, ChartLayout.Color.pending])
                ]), row: heading.headerRow, column: 8)

        row = max(row + 2, heading.headerRow + 16)
        row = try writeClassTable(classOrder.map { ($0, classes[$0] ?? IssuanceTally()) }, in: sheet, at: row)

        let items = context.university.items.filter { pendingByItem[$0.id] != nil }
        row = max(row + 2, heading.headerRow + 32)
        try sheet.write(Figures.itemSection, row: row, column: 0, style: sectionStyle)
        for (column, header) in Figures.itemHeaders.enumerated() {
            try sheet.write(header, row: row + 1, column: column, style: ReportStyle.header)
        }
        for (index, item) in items.enumerated() {
            try sheet.write(item.name, row: row + 2 + index, column: 0, style: ReportStyle.text)
            try sheet.write(
                Double(pendingByItem[item.id] ?? 0), row: row + 2 + index, column: 1, style: ReportStyle.count)
        }
        if items.isEmpty {
            try sheet.write(Figures.noPendingItems, row: row + 2, column: 0, style: ReportStyle.subtitle)
        } else {
            let rows = (row + 2)...(row + 1 + items.count)
            try sheet.insertChart(
                ChartLayout.bars(
                    title: Figures.itemSection,
                    series: [
                        ChartSeries(
                            name: Figures.itemHeaders[1], sheet: sheet, categories: ColumnCells(column: 0, rows: rows),
                            values: ColumnCells(column: 1, rows: rows), color: ChartLayout.Color.pending)
                    ], count: items.count, categoryTitle: Figures.itemHeaders[0], valueTitle: Figures.peopleAxis),
                row: row, column: 8)
        }
        sheet.autoFitColumns(minimum: 8, maximum: 30)
        try sheet.printSetup(PrintSetup(landscape: true, footerText: CollegeText.statisticsTitle(roster.college)))
    }

    /// Writes the per-class table at `top` (section title, header, one row per class) with its stacked bar
    /// chart, and returns the row after both.
    private static func writeClassTable(
        _ classes: [(name: String, tally: IssuanceTally)], in sheet: SheetBuilder, at top: Int
    ) throws(XlsxWriterError) -> Int {
        typealias Figures = CollegeText.Figures
        let headers = Figures.classHeaders
        try sheet.write(Figures.classSection, row: top, column: 0, style: sectionStyle)
        for (column, header) in headers.enumerated() {
            try sheet.write(header, row: top + 1, column: column, style: ReportStyle.header)
        }
        for (index, entry) in classes.enumerated() {
            let row = top + 2 + index
            let tally = entry.tally
            try sheet.write(entry.name, row: row, column: 0, style: ReportStyle.text)
            let values = [tally.people, tally.issued, tally.waiting, tally.blockedNotIssued, tally.held]
            for (offset, value) in values.enumerated() {
                try sheet.write(Double(value), row: row, column: 1 + offset, style: ReportStyle.count)
            }
            try writeShare(tally.share(tally.issued), in: sheet, row: row, column: 6)
        }
        guard !classes.isEmpty else { return top + 2 }
        let rows = (top + 2)...(top + 1 + classes.count)
        let colors = [ChartLayout.Color.done, ChartLayout.Color.waiting, ChartLayout.Color.pending]
        let series = zip([2, 3, 4], colors).map { column, color in
            ChartSeries(
                name: headers[column], sheet: sheet, categories: ColumnCells(column: 0, rows: rows),
                values: ColumnCells(column: column, rows: rows), color: color)
        }
        let chart = ChartLayout.bars(
            title: Figures.classSection, series: series, count: classes.count, categoryTitle: Figures.classAxis,
            valueTitle: Figures.peopleAxis, stacked: true)
        try sheet.insertChart(chart, row: top, column: 8)
        // The next block starts under the chart, however many classes made it tall.
        return max(top + 2 + classes.count, top + ChartLayout.rowsSpanned(by: chart))
    }

    /// Writes a share as a percentage, or a bordered blank when there is nobody to divide by.
    static func writeShare(_ share: Double?, in sheet: SheetBuilder, row: Int, column: Int) throws(XlsxWriterError) {
        if let share {
            try sheet.write(share, row: row, column: column, style: ReportStyle.percent)
        } else {
            try sheet.writeBlank(row: row, column: column, style: ReportStyle.percent)
        }
    }

    /// The bold heading of a block within a statistics sheet.
    static let sectionStyle = CellStyle(bold: true, fontSize: 12)
}
