public import Clearance
public import Sheets

/// A department's statistics for one item (办理统计) for `outbox/departments/<部门>/[<学院>/]<批次>/`: how many
/// people the item applies to and how many are at each status, by college, with a stacked bar chart.
///
/// For a college-scoped item's folder (`college` given) the table holds that college alone, followed by its
/// classes, and the chart shows the classes.
public enum ItemStatistics {
    /// Writes the statistics of `item`, for `college` only when given, to `path` (the caller publishes it
    /// atomically).
    ///
    /// One pass over the batch: counting costs the same whatever the number of colleges.
    public static func write(_ context: OutputContext, item: Item, college: College?, to path: String) throws {
        try model(context, item: item, college: college).write(to: path)
    }

    /// The statistics of `item` (for `college` only, when given) as a workbook model.
    public static func model(_ context: OutputContext, item: Item, college: College?) throws -> WorkbookModel {
        var byCollege: [String: StatusCounts] = [:]
        var byClass: [String: StatusCounts] = [:]
        for record in context.state.records.values where context.state.isMember(record) {
            let person = record.person
            guard item.applies(to: person), college.map({ $0.name == person.college }) ?? true else { continue }
            let status = record.state(of: item.id).status
            byCollege[person.college, default: StatusCounts()].add(status)
            if college != nil {
                let className = person.className.isEmpty ? StatisticsText.noClass : person.className
                byClass[className, default: StatusCounts()].add(status)
            }
        }
        let owner = Text.owner(item, college)
        let workbook = WorkbookBuilder()
        try workbook.setProperties(
            OutputNaming.properties(
                context, title: Text.title(owner) + " " + context.batch.name, subject: Text.subject(item)))
        let sheet = try workbook.addSheet(Text.sheet)
        let heading = SheetHeading(
            title: Text.title(owner), notes: [StatisticsText.deadlineLine(context), StatisticsText.rateRule],
            headers: [])
        try heading.write(in: sheet, minimumWidth: 6)

        let colleges = college.map { [$0.name] } ?? orderedColleges(byCollege.keys, in: context.university)
        let collegeTable = StatusTable(
            groupHeader: StatisticsText.college, rows: colleges.map { ($0, byCollege[$0] ?? StatusCounts()) },
            totalLabel: college == nil ? StatisticsText.total : nil)
        let collegeRows = try collegeTable.write(in: sheet, headerRow: heading.headerRow)
        var chartRows = collegeRows
        var chartTitle = Text.collegeChart(item)
        var categoryTitle = StatisticsText.college
        if college != nil {
            let classTop = heading.headerRow + collegeTable.rowCount() + 1
            try sheet.write(Text.classSection, row: classTop, column: 0, style: CellStyle(bold: true, fontSize: 12))
            let classTable = StatusTable(
                groupHeader: StatisticsText.className,
                rows: byClass.keys.sorted(by: NaturalOrder.precedes).map { ($0, byClass[$0] ?? StatusCounts()) })
            chartRows = try classTable.write(in: sheet, headerRow: classTop + 1)
            chartTitle = Text.classChart(item)
            categoryTitle = StatisticsText.className
        }
        if let chartRows {
            try sheet.insertChart(
                StatusTable.chart(title: chartTitle, sheet: sheet, rows: chartRows, categoryTitle: categoryTitle),
                row: heading.headerRow, column: 7)
        }
        sheet.freezeHeader(rows: heading.headerRow + 1)
        sheet.autoFitColumns(minimum: 9, maximum: 30)
        try sheet.printSetup(PrintSetup(landscape: true, footerText: Text.title(owner)))
        return workbook.model
    }

    private typealias Text = StatisticsText.ItemSheet

    /// `办理统计-<办理项>[-<学院>]-<批次>.xlsx`.
    public static func fileName(item: Item, college: College?, batch: Batch) -> String {
        OutputNaming.fileName([Text.fileNamePrefix, item.name] + (college.map { [$0.name] } ?? []) + [batch.name])
    }

    /// College names in the pipeline's order, then any others (a registry may name a college the pipeline
    /// does not know) alphabetically.
    static func orderedColleges(_ names: some Sequence<String>, in university: University) -> [String] {
        let present = Set(names)
        let known = university.colleges.map(\.name).filter(present.contains)
        let knownSet = Set(known)
        return known + present.filter { !knownSet.contains($0) }.sorted()
    }
}
