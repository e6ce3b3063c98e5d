import Foundation
import Testing

@testable import Sheets

/// Workbooks as values: a model built with `WorkbookBuilder` writes the file a `WorkbookWriter` would, its
/// canonical bytes change exactly when the file's content would, and its dump reads as what staff see.
@Suite struct WorkbookModelTests {
    static let header = CellStyle(bold: true, fillColor: 0xDDEBF7, border: .thin)

    /// A small list with everything a generated workbook uses: a merged title, protection, IDs, numbers, a
    /// date, a drop-down, widths, a filter, printing, a chart and a hidden sheet.
    static func sample(count: Double = 3, status: String = "1 未办理") throws -> WorkbookModel {
        let workbook = WorkbookBuilder()
        try workbook.setProperties(DocumentProperties(title: "名单", author: "lixiao"))
        let sheet = try workbook.addSheet("lixiao")
        sheet.protect(unlockedColumns: [2], fromRow: 2)
        try sheet.mergeTitle("图书馆 数据导出", row: 0, firstColumn: 0, lastColumn: 3)
        for (column, text) in ["学工号", "姓名", "办理状态", "人数"].enumerated() {
            try sheet.write(text, row: 1, column: column, style: header)
        }
        try sheet.writeID("0123456", row: 2, column: 0)
        try sheet.write("张三", row: 2, column: 1)
        try sheet.write(status, row: 2, column: 2)
        try sheet.write(count, row: 2, column: 3)
        try sheet.write(CalendarDate(year: 2027, month: 6, day: 30), row: 3, column: 0)
        try sheet.addListValidation(
            column: 2, firstRow: 2, lastRow: 3, values: ["1 未办理", "2 无需办理", "3 已办理"],
            prompt: ("办理状态", "请选择"))
        try sheet.autoFilter(firstRow: 1, firstColumn: 0, lastRow: 3, lastColumn: 3)
        sheet.freezeHeader(rows: 2)
        sheet.autoFitColumns(minimum: 8, maximum: 40)
        sheet.setColumnWidth(2, 13)
        try sheet.printSetup(PrintSetup(landscape: true, repeatRows: 0...1, footerText: "第一页"))
        try sheet.insertChart(
            ChartSpec(
                kind: .bar, title: "人数",
                series: [
                    ChartSeries(
                        name: "人数", sheet: sheet, categories: ColumnCells(column: 1, rows: 2...2),
                        values: ColumnCells(column: 3, rows: 2...2))
                ]), row: 5, column: 0)
        let hidden = try workbook.addSheet("来源")
        try hidden.write("lixiao-origin", row: 0, column: 0)
        hidden.hide()
        return workbook.model
    }

    static func digest(_ model: WorkbookModel) -> [UInt8] {
        var bytes: [UInt8] = []
        model.canonicalBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    @Test("a model writes a workbook whose cells, hidden sheets and drop-down list read back")
    func rendersWhatWasBuilt() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(getpid()).xlsx").path
        defer { unlink(path) }
        try Self.sample().write(to: path)
        let reader = try SpreadsheetReader(path: path)
        #expect(reader.sheets.map(\.name) == ["lixiao", "来源"])
        #expect(reader.sheets.map(\.isHidden) == [false, true])
        let rows = try reader.rows(inSheet: 0)
        #expect(rows[0].cells.first == .text("图书馆 数据导出"))
        #expect(rows[2].cells.map(\.text) == ["0123456", "张三", "1 未办理", "3"])
        #expect(rows[3].cells.first == .date(CalendarDate(year: 2027, month: 6, day: 30)))
        var status = stat()
        #expect(stat(path, &status) == 0 && status.st_mode & 0o777 == 0o640)
    }

    @Test("canonical bytes are equal for equal models and differ when a value, a style or a chart does")
    func canonicalBytes() throws {
        let base = Self.digest(try Self.sample())
        #expect(Self.digest(try Self.sample()) == base)
        #expect(Self.digest(try Self.sample(count: 4)) != base)
        #expect(Self.digest(try Self.sample(status: "3 已办理")) != base)
        let restyled = WorkbookBuilder()
        try restyled.addSheet("a").write("x", row: 0, column: 0, style: CellStyle(bold: true))
        let plain = WorkbookBuilder()
        try plain.addSheet("a").write("x", row: 0, column: 0)
        #expect(Self.digest(restyled.model) != Self.digest(plain.model))
        #expect(try Self.sample() == Self.sample())
    }

    @Test("the builder refuses what the writer would, when it is called")
    func refusesLikeTheWriter() throws {
        let workbook = WorkbookBuilder(constantMemory: true)
        #expect(throws: XlsxWriterError.self) { try workbook.addSheet("a/b") }
        let sheet = try workbook.addSheet("名单")
        #expect(throws: XlsxWriterError.self) { try workbook.addSheet("名单") }
        #expect(throws: XlsxWriterError.self) {
            try sheet.write(String(repeating: "长", count: 32_768), row: 0, column: 0)
        }
        try sheet.write("b", row: 5, column: 0)
        #expect(throws: XlsxWriterError.self) { try sheet.write("a", row: 4, column: 0) }
        #expect(throws: XlsxWriterError.self) { try sheet.write(Double.nan, row: 6, column: 0) }
        #expect(throws: XlsxWriterError.self) {
            try sheet.insertChart(
                ChartSpec(
                    kind: .bar, title: "",
                    series: [
                        ChartSeries(
                            name: "x", sheetName: "没有", categories: ColumnCells(column: 0, rows: 0...1),
                            values: ColumnCells(column: 1, rows: 0...1))
                    ]), row: 0, column: 3)
        }
    }

    @Test("the dump names styles, quotes cells, lists the chart's ranges and cuts long sheets short")
    func dump() throws {
        let text = try Self.sample().dump(styleNames: [Self.header: "header"], rowsPerSheet: 3)
        let expected = """
            workbook
              property title "名单"
              property author "lixiao"
              style s1 = format @
            sheet "lixiao"
              protect, editable columns C from row 3
              A1:D1 merged "图书馆 数据导出" {bold 14pt center middle}
              A2 "学工号" [header]
              B2 "姓名" [header]
              C2 "办理状态" [header]
              D2 "人数" [header]
              A3 "0123456" [s1]
              B3 "张三"
              C3 "1 未办理"
              D3 3
              drop-down C3:C4 "1 未办理" | "2 无需办理" | "3 已办理", prompt "办理状态": "请选择"
              filter A2:D4
              freeze 2 rows
              fit columns 8…40
              column C width 13
              print A4, landscape, one page wide, repeat rows 1-2, centred, page numbers, footer "第一页"
              chart bar at A6 "人数"
                series "人数": categories 'lixiao'!B3:B3, values 'lixiao'!D3:D3
              … 1 more cells below row 3
            sheet "来源"
              A1 "lixiao-origin"
              hidden

            """
        #expect(text == expected, "\(text)")
    }
}
