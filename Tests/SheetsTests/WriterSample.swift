import Foundation

@testable import Sheets

/// The workbook the writer tests read back: a realistic lixiao export using every writing feature, written once
/// per test run.
enum WriterSample {
    static let title = "2027届夏季毕业 离校办理 · 图书馆"
    static let header = ["学工号", "姓名", "学院", "办理状态", "办理备注"]
    static let statuses = ["1 未办理", "2 无需办理", "3 已办理"]
    /// 40 colleges: joined with commas they exceed Excel's 255-character literal list.
    static let colleges = (1...40).map { String(format: "某某学院%02d", $0) }
    /// Rows under the header; the first column is written with `writeID`, the rest as text.
    static let people: [[String]] = [
        ["0123456", "张三", "某某学院01", "1 未办理", "=1+2"],
        ["2023110101", "李四", "某某学院02", "3 已办理", "+86 138"],
        ["2023110102", "王五", "某某学院03", "2 无需办理", "-5"],
        ["2023110103", "赵六", "某某学院04", "1 未办理", "@SUM(A1)"],
        ["2023110104", "Tab", "某某学院05", "1 未办理", "\tTab"],
        ["2023110105", "欧阳娜娜", "某某学院06", "3 已办理", "\r回车在前"],
        ["2023110106", "钱七", "某某学院07", "3 已办理", "第一行\n第二行"],
        ["2023110107", "孙八", "某某学院08", "", ""],
        ["2023110108", "周九", "某某学院09", "2 无需办理", "_x0041_ 原样"],
    ]
    static let titleRow = 0
    static let headerRow = 1
    static let firstDataRow = 2
    /// The last row the drop-downs and unlocked columns cover, well below the data.
    static let lastEditableRow = 500

    static let statisticsSheet = "学院统计"
    static let statisticsHeader = ["学院", "未办理", "无需办理", "已办理", "完成率"]
    static let statistics: [(college: String, counts: [Double])] = [
        ("某某学院01", [12, 3, 40]), ("某某学院02", [5, 0, 61]), ("某某学院03", [0, 8, 33]),
        ("某某学院04", [20, 1, 9]), ("某某学院05", [7, 2, 28]),
    ]
    static let generatedOn = CalendarDate(year: 2027, month: 6, day: 30)
    static let generatedAt = CalendarDate(year: 2027, month: 6, day: 30, secondsIntoDay: 9 * 3600 + 30 * 60)

    static let notesSheet = "说明"
    static let notes = ["本表由 lixiao 生成。", "只可修改“办理状态”和“办理备注”两列。"]

    static let properties = DocumentProperties(
        title: "离校办理数据导出", subject: "图书馆", author: "lixiao", manager: "学生处", company: "某某大学",
        category: "离校", keywords: "离校, 注销", comments: "writer test",
        createdUnixTime: 1_814_400_000)

    /// The path of the sample, written on first use.
    static let built: Result<String, any Error> = Result {
        let path = Paths.temporaryFolder("writer-sample").appendingPathComponent("sample.xlsx").path
        try write(to: path)
        return path
    }

    static func path() throws -> String { try built.get() }

    static func write(to path: String) throws(XlsxWriterError) {
        let workbook = try WorkbookWriter(path: path)
        try workbook.setProperties(properties)
        let sheet = try workbook.addSheet("lixiao")
        let statisticsSheet = try workbook.addSheet(self.statisticsSheet)
        let notesSheet = try workbook.addSheet(self.notesSheet)

        sheet.protect(password: "lixiao", unlockedColumns: [3, 4], fromRow: firstDataRow)
        let headerStyle = CellStyle(bold: true, fillColor: 0xDDEBF7, horizontalAlignment: .center, border: .thin)
        try sheet.mergeTitle(title, row: titleRow, firstColumn: 0, lastColumn: header.count - 1)
        for (column, text) in header.enumerated() {
            try sheet.write(text, row: headerRow, column: column, style: headerStyle)
        }
        for (offset, person) in people.enumerated() {
            let row = firstDataRow + offset
            try sheet.writeID(person[0], row: row, column: 0)
            for column in 1..<person.count {
                try sheet.write(person[column], row: row, column: column, style: CellStyle(wrapsText: column == 4))
            }
        }
        sheet.freezeHeader(rows: firstDataRow)
        try sheet.autoFilter(
            firstRow: headerRow, firstColumn: 0, lastRow: firstDataRow + people.count - 1, lastColumn: header.count - 1)
        try sheet.addListValidation(
            column: 3, firstRow: firstDataRow, lastRow: lastEditableRow, values: statuses,
            prompt: (title: "办理状态", message: "请选择 1、2 或 3"), error: (title: "状态无效", message: "只能选择列表中的状态"))
        try sheet.addListValidation(column: 2, firstRow: firstDataRow, lastRow: lastEditableRow, values: colleges)
        sheet.setColumnWidth(1, 12)
        sheet.autoFitColumns()
        try sheet.printSetup(
            PrintSetup(
                landscape: true, repeatRows: headerRow...headerRow, headerText: "离校办理 & 清单", footerText: "图书馆"))

        try writeStatistics(statisticsSheet)
        for (row, line) in notes.enumerated() { try notesSheet.write(line, row: row, column: 0) }
        notesSheet.hide()
        try workbook.close()
    }

    private static func writeStatistics(_ sheet: SheetWriter) throws(XlsxWriterError) {
        let bold = CellStyle(bold: true)
        for (column, text) in statisticsHeader.enumerated() {
            try sheet.write(text, row: 0, column: column, style: bold)
        }
        for (offset, line) in statistics.enumerated() {
            let row = offset + 1
            try sheet.write(line.college, row: row, column: 0)
            for (index, count) in line.counts.enumerated() {
                try sheet.write(count, row: row, column: index + 1, style: CellStyle(numberFormat: .integer))
            }
            let total = line.counts.reduce(0, +)
            try sheet.write(
                line.counts[2] / total, row: row, column: 4, style: CellStyle(numberFormat: .percent(places: 1)))
        }
        let dateRow = statistics.count + 2
        try sheet.write("生成日期", row: dateRow, column: 0)
        try sheet.write(generatedOn, row: dateRow, column: 1)
        try sheet.write("生成时间", row: dateRow + 1, column: 0)
        try sheet.write(generatedAt, row: dateRow + 1, column: 1)
        sheet.autoFitColumns()

        let rows = 1...statistics.count
        let categories = ColumnCells(column: 0, rows: rows)
        func series(_ column: Int) -> ChartSeries {
            ChartSeries(
                name: statisticsHeader[column], sheet: sheet, categories: categories,
                values: ColumnCells(column: column, rows: rows))
        }
        var pending = series(1)
        pending.color = 0xC0504D
        var done = series(3)
        done.color = 0x70AD47
        var slices = series(3)
        slices.pointColors = [0x70AD47, 0x4472C4, 0]
        let charts = [
            ChartSpec(
                kind: .column, title: "各学院办理进度", series: [pending, series(2), done],
                categoryAxisTitle: "学院", valueAxisTitle: "人数", stacked: true, widthScale: 1.5, gapWidth: 60),
            ChartSpec(
                kind: .bar, title: "已办理人数", series: [series(3)], categoryAxisTitle: "学院", valueAxisTitle: "人数",
                heightScale: 1.5, categoryLabelRotation: 0, topDown: true, valueLabels: true, legend: false),
            ChartSpec(kind: .pie, title: "已办理分布", series: [slices]),
            ChartSpec(
                kind: .line, title: "=未办理趋势", series: [pending], categoryAxisTitle: "学院", categoryFontSize: 9,
                categoryLabelRotation: -90, markers: true),
        ]
        for (index, chart) in charts.enumerated() {
            try sheet.insertChart(chart, row: dateRow + 3 + index * 16, column: 0)
        }
    }
}
