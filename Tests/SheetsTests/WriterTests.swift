import Foundation
import Testing

@testable import Sheets

/// Round trips of the xlsx writer: what it writes must read back through lixiao's own reader, LibreOffice and
/// openpyxl exactly as written. LibreOffice and openpyxl are required: without them these tests fail.
@Suite struct WriterTests {
    // MARK: - Read back by SpreadsheetReader

    @Test("every written cell reads back as the same text, formula-looking text included")
    func cellsReadBack() throws {
        let path = try WriterSample.path()
        var expected = [[WriterSample.title], WriterSample.header]
        expected += WriterSample.people.map(trimmed)
        #expect(try readTexts(path, sheet: 0) == expected)

        var statistics = [WriterSample.statisticsHeader]
        for line in WriterSample.statistics {
            let rate = line.counts[2] / line.counts.reduce(0, +)
            statistics.append([line.college] + line.counts.map(PlainNumber.format) + [PlainNumber.format(rate)])
        }
        statistics.append(["生成日期", "2027-06-30"])
        statistics.append(["生成时间", "2027-06-30 09:30:00"])
        #expect(try readTexts(path, sheet: 1) == statistics)
        #expect(try readTexts(path, sheet: 2) == WriterSample.notes.map { [$0] })
        #expect(try readTexts(path, sheet: 3) == WriterSample.colleges.map { [$0] })
    }

    @Test("IDs keep their leading zeros and read back as text")
    func idsReadBackAsText() throws {
        let rows = try SpreadsheetReader(path: try WriterSample.path()).rows(inSheet: 0)
        #expect(rows[2].cells.first == .text("0123456"))
        #expect(rows[3].cells.first == .text("2023110101"))
        #expect(rows[2].cells.last == .text("=1+2"))
    }

    @Test("hidden sheets, the drop-down list sheet included, read back as hidden")
    func hiddenSheetsListed() throws {
        let sheets = try SpreadsheetReader(path: try WriterSample.path()).sheets
        #expect(sheets.map(\.name) == ["lixiao", WriterSample.statisticsSheet, WriterSample.notesSheet, "_lists"])
        #expect(sheets.map(\.isHidden) == [false, false, true, true])
    }

    // MARK: - LibreOffice

    @Test("LibreOffice converts every sheet and keeps formula-looking text as text")
    func libreOfficeKeepsValues() throws {
        let folder = Paths.temporaryFolder("writer-lo")
        let result = try LibreOffice.convertEverySheetToCSV(try WriterSample.path(), into: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        let sheets = ["lixiao", WriterSample.statisticsSheet, WriterSample.notesSheet, "_lists"]
        #expect(Set(files) == Set(sheets.map { "sample-\($0).csv" }), "LibreOffice said: \(result)")

        let main = try parseCSV(String(contentsOf: folder.appendingPathComponent("sample-lixiao.csv"), encoding: .utf8))
        #expect(main.map(trimmed) == [[WriterSample.title], WriterSample.header] + WriterSample.people.map(trimmed))
        #expect(main[2][4] == "=1+2", "LibreOffice must not evaluate text as a formula")
        let statistics = try parseCSV(
            String(
                contentsOf: folder.appendingPathComponent("sample-\(WriterSample.statisticsSheet).csv"), encoding: .utf8
            ))
        #expect(statistics[1].prefix(4) == ["某某学院01", "12", "3", "40"])
        #expect(statistics.map(trimmed).suffix(2) == [["生成日期", "2027-06-30"], ["生成时间", "2027-06-30 09:30:00"]])
    }

    // MARK: - openpyxl

    @Test("openpyxl sees the status drop-down and the long college list on the hidden sheet")
    func validationsSeenByOpenpyxl() throws {
        let sheet = try Openpyxl.sample().sheet("lixiao")
        let lastRow = WriterSample.lastEditableRow + 1
        let status = try #require(sheet.validations.first { $0.sqref == "D3:D\(lastRow)" })
        #expect(status.type == "list")
        #expect(status.formula1 == "\"1 未办理,2 无需办理,3 已办理\"")
        #expect(status.promptTitle == "办理状态" && status.errorTitle == "状态无效")
        let colleges = try #require(sheet.validations.first { $0.sqref == "C3:C\(lastRow)" })
        #expect(colleges.type == "list")
        #expect(colleges.formula1 == "'_lists'!$A$1:$A$40")
    }

    @Test("openpyxl sees protection with only the status and remark cells unlocked")
    func protectionSeenByOpenpyxl() throws {
        let sheet = try Openpyxl.sample().sheet("lixiao")
        #expect(sheet.protected && sheet.hasPassword)
        #expect(
            sheet.blocked == [
                "autoFilter": false, "sort": false, "formatColumns": false, "formatRows": false,
                "formatCells": true, "insertRows": true, "deleteRows": true,
            ])
        #expect(sheet.cells["D3"]?.locked == false && sheet.cells["E3"]?.locked == false)
        #expect(sheet.cells["A3"]?.locked == true && sheet.cells["C3"]?.locked == true)
        #expect(sheet.cells["D2"]?.locked == true, "the header stays locked")
        #expect(sheet.cells["A1"]?.locked == true, "the title stays locked")
    }

    @Test("openpyxl sees IDs and formula-looking text as text cells with the right formats")
    func textCellsSeenByOpenpyxl() throws {
        let cells = try Openpyxl.sample().sheet("lixiao").cells
        for id in ["A3", "A4"] {
            #expect(cells[id]?.type == "s" && cells[id]?.format == "@", "\(id)")
        }
        #expect(cells["A3"]?.value == .string("0123456") && cells["A4"]?.value == .string("2023110101"))
        for (reference, text) in [("E3", "=1+2"), ("E4", "+86 138"), ("E5", "-5"), ("E6", "@SUM(A1)"), ("E7", "\tTab")]
        {
            #expect(cells[reference]?.type == "s" && cells[reference]?.value == .string(text), "\(reference)")
        }
    }

    @Test("openpyxl sees the frozen header, filter, merged title, column widths and print setup")
    func layoutSeenByOpenpyxl() throws {
        let sheet = try Openpyxl.sample().sheet("lixiao")
        #expect(sheet.freezePanes == "A3")
        #expect(sheet.autoFilter == "A2:E\(WriterSample.firstDataRow + WriterSample.people.count)")
        #expect(sheet.merged == ["A1:E1"])
        // Fitted: the widest value plus 2 (CJK counts double); B was set by hand. The file adds ~0.71 padding.
        for (column, width) in ["A": 12.0, "B": 12, "C": 12, "D": 12, "E": 14] {
            #expect(abs((sheet.columnWidths[column] ?? 0) - width - 0.71) < 0.01, "column \(column)")
        }
        let print = sheet.print
        #expect(print.paperSize == "9" && print.orientation == "landscape")
        #expect(print.fitToPage && print.fitToHeight == 0 && (print.fitToWidth ?? 1) == 1)
        #expect(print.titleRows == "$2:$2" && print.centeredHorizontally)
        #expect(print.header == "离校办理 && 清单" && print.footer == "图书馆" && print.footerRight == "&P / &N")
    }

    @Test("openpyxl sees the hidden sheets and the document properties")
    func sheetsAndPropertiesSeenByOpenpyxl() throws {
        let report = try Openpyxl.sample()
        #expect(report.sheets.map(\.state) == ["visible", "visible", "hidden", "hidden"])
        #expect(report.properties.title == "离校办理数据导出" && report.properties.creator == "lixiao")
        #expect(report.properties.subject == "图书馆" && report.properties.keywords == "离校, 注销")
        #expect(report.properties.created == "2027-07-01T00:00:00")
    }

    @Test("the statistics sheet draws one chart of each kind from its Chinese-named cells")
    func chartsInTheZip() throws {
        let charts = try Openpyxl.sample().charts
        #expect(charts.chartParts.count == 4)
        let drawn = try #require(charts.sheets[WriterSample.statisticsSheet])
        #expect(drawn.map(\.kinds) == [["barChart"], ["barChart"], ["pieChart"], ["lineChart"]])
        #expect(drawn.map(\.barDir) == ["col", "bar", nil, nil])
        #expect(drawn[0].grouping == "stacked" && drawn[0].series.map(\.name) == ["未办理", "无需办理", "已办理"])
        #expect(drawn[0].series[2].categories == "'学院统计'!$A$2:$A$6")
        #expect(drawn[0].series[2].values == "'学院统计'!$D$2:$D$6")
        #expect(drawn[1].axes == ["catAx": "学院", "valAx": "人数"], "bar charts name the category axis too")
        #expect(drawn[3].title == " =未办理趋势", "a title beginning with = stays text")
        #expect(charts.sheets["lixiao"]?.isEmpty == true)
    }

    @Test("every category axis labels every category, at the angle given, so LibreOffice skips none")
    func chartLabels() throws {
        let drawn = try #require(try Openpyxl.sample().charts.sheets[WriterSample.statisticsSheet])
        let axes = drawn.map(\.categoryAxis)
        #expect(axes.map { $0?.labelEvery } == [1, 1, nil, 1], "interval unit 1 on every category axis, none on pies")
        // Left to choose, LibreOffice hides a label that would touch its neighbour; an angle given (0 included)
        // makes it draw them all.
        #expect(axes.map { $0?.angle } == [nil, 0, nil, -90])
        #expect(axes[3]?.fontSize == 9)
        #expect(axes[1]?.reversed == true && axes[1]?.valueAxisCrosses == "max", "top down, values still below")
        #expect(axes[0]?.reversed == false && axes[0]?.valueAxisCrosses == "autoZero")
        #expect(axes.map { $0?.valueAxisMinimum } == [0, 0, nil, 0], "bars are as long as their values")
    }

    @Test("series carry their colours, markers and value labels, and a single-series chart needs no legend")
    func chartDecoration() throws {
        let drawn = try #require(try Openpyxl.sample().charts.sheets[WriterSample.statisticsSheet])
        #expect(drawn[0].colors == ["C0504D", nil, "70AD47"])
        #expect(drawn[3].colors == ["C0504D"], "a line's colour is its stroke")
        #expect(drawn[2].pointColors == [["70AD47", "4472C4", "000000"]], "a pie's slices, black included")
        #expect(drawn[3].markers == ["circle"])
        #expect(drawn[1].valueLabels == [true] && drawn[0].valueLabels == [false, false, false])
        #expect(drawn.map(\.legend) == ["b", nil, "r", "b"])
        #expect(drawn.map(\.gapWidth) == [60, nil, nil, nil])
    }

    @Test(
        "a chart over a sheet named with a space and an apostrophe refers to it, and a hidden first sheet opens on the next"
    )
    func chartOnQuotedSheetName() throws {
        let path = Paths.temporaryFolder("writer-quote").appendingPathComponent("q.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let hidden = try workbook.addSheet("隐藏")
        hidden.hide()
        let sheet = try workbook.addSheet("O'Brien 统计")
        for (row, pair) in [("甲", 3.0), ("乙", 5)].enumerated() {
            try sheet.write(pair.0, row: row, column: 0)
            try sheet.write(pair.1, row: row, column: 1)
        }
        let series = ChartSeries(
            name: "人数", sheet: sheet, categories: ColumnCells(column: 0, rows: 0...1),
            values: ColumnCells(column: 1, rows: 0...1))
        try sheet.insertChart(ChartSpec(kind: .column, title: "", series: [series]), row: 3, column: 0)
        try workbook.close()

        let report = try Openpyxl.report(for: path)
        let chart = try #require(report.charts.sheets["O'Brien 统计"]?.first)
        #expect(chart.series.first?.categories == "'O''Brien 统计'!$A$1:$A$2")
        #expect(chart.series.first?.values == "'O''Brien 统计'!$B$1:$B$2")
        #expect(report.activeSheet == "O'Brien 统计")
        #expect(report.sheets.map(\.state) == ["hidden", "visible"])
    }

    // MARK: - Files and errors

    @Test("the written file has no world access")
    func fileHasNoWorldAccess() throws {
        #expect(try permissions(of: try WriterSample.path()) == 0o640)

        let folder = Paths.temporaryFolder("writer-mode")
        let path = folder.appendingPathComponent("open.xlsx").path
        #expect(
            FileManager.default.createFile(
                atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o666]))
        let workbook = try WorkbookWriter(path: path)
        #expect(try permissions(of: path) == 0o600, "narrowed while being written")
        try workbook.addSheet("a").write("x", row: 0, column: 0)
        try workbook.close()
        #expect(try permissions(of: path) == 0o640)
        #expect(try readTexts(path) == [["x"]])
    }

    @Test(
        "sheet names Excel refuses are refused with the rule that was broken",
        arguments: [
            ("", "empty"), (String(repeating: "学", count: 32), "at most 31"), ("a[b", "\"[\""), ("a]b", "\"]\""),
            ("a:b", "\":\""), ("a*b", "\"*\""), ("a?b", "\"?\""), ("a/b", "\"/\""), ("a\\b", "\"\\\""),
            ("'quoted'", "begin or end with '"), ("History", "reserves"), ("LIXIAO", "ignores case"),
            ("line\nbreak", "control characters"),
        ])
    func badSheetNames(name: String, rule: String) throws {
        let workbook = try WorkbookWriter(
            path: Paths.temporaryFolder("writer-names").appendingPathComponent("n.xlsx").path)
        _ = try workbook.addSheet("lixiao")
        let error = #expect(throws: XlsxWriterError.self) { try workbook.addSheet(name) }
        #expect(error?.kind == .invalidSheetName)
        #expect(error?.description.contains(rule) == true, "\(error?.description ?? "")")
        _ = try workbook.addSheet(String(repeating: "学", count: 31))
        try workbook.close()
    }

    @Test("a workbook in a missing folder or behind a symbolic link fails at once with a clear message")
    func missingFolder() throws {
        let folder = Paths.temporaryFolder("writer-missing")
        let path = folder.appendingPathComponent("no-such-folder/out.xlsx").path
        let error = #expect(throws: XlsxWriterError.self) { try WorkbookWriter(path: path) }
        #expect(error?.kind == .fileSystem)
        let message = "Error creating output xlsx file. Usually a permissions error."
        #expect(error?.description == "creating workbook \(path): \(message) (the folder does not exist)")

        let target = folder.appendingPathComponent("target.xlsx").path
        let link = folder.appendingPathComponent("link.xlsx").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = #expect(throws: XlsxWriterError.self) { try WorkbookWriter(path: link) }
        #expect(linked?.detail == "the path is a symbolic link, which is never written through")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("cells outside the sheet and endless numbers are refused; over-long text is cut, never a failure")
    func badCells() throws {
        let path = Paths.temporaryFolder("writer-cells").appendingPathComponent("c.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("s")
        let outside = #expect(throws: XlsxWriterError.self) { try sheet.write("x", row: 1_048_576, column: 0) }
        #expect(outside?.kind == .outOfRange)
        #expect(throws: XlsxWriterError.self) { try sheet.write("x", row: 0, column: -1) }
        let nan = #expect(throws: XlsxWriterError.self) { try sheet.write(Double.nan, row: 0, column: 0) }
        #expect(nan?.kind == .invalidArgument)
        try sheet.write(String(repeating: "長", count: 40_000), row: 0, column: 0)
        let early = #expect(throws: XlsxWriterError.self) {
            try sheet.write(CalendarDate(year: 1899, month: 12, day: 31), row: 0, column: 0)
        }
        #expect(early?.kind == .invalidArgument)
        try workbook.close()
        let cut = try readTexts(path).first?.first ?? ""
        #expect(cut.hasSuffix("…（已截断）"))
        #expect(cut.count <= 32_767)
    }

    @Test("text an xlsx file cannot hold is replaced, and escape-like text is kept literally")
    func unstorableText() throws {
        #expect(StoredText.escape("_x0041_ and _X0041_ and _x00e9_") == "_x005F_x0041_ and _X0041_ and _x005F_x00e9_")
        #expect(StoredText.escape("a\u{0}b\u{FFFE}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(StoredText.escape("学院，_x41_") == "学院，_x41_")

        let path = Paths.temporaryFolder("writer-text").appendingPathComponent("t.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        let sheet = try workbook.addSheet("s")
        let texts = ["a\u{0}b", "\u{FFFE}x", "_x000D_", "\u{1}控制", "😀", " 两边空格 "]
        for (row, text) in texts.enumerated() { try sheet.write(text, row: row, column: 0) }
        try workbook.close()
        #expect(try readTexts(path) == [["a\u{FFFD}b"], ["\u{FFFD}x"], ["_x000D_"], ["\u{1}控制"], ["😀"], [" 两边空格 "]])
    }

    @Test("a drop-down list too long for Excel's 255-byte literal moves to the hidden sheet")
    func literalListLimit() {
        #expect(SheetWriter.fitsLiteralList(WriterSample.statuses))
        #expect(!SheetWriter.fitsLiteralList(WriterSample.colleges))
        // 110 characters but 258 bytes: libxlsxwriter 1.1.4 would overflow its 258-byte buffer (glibc aborts).
        #expect(!SheetWriter.fitsLiteralList(Array(repeating: "学院", count: 37)))
        #expect(SheetWriter.fitsLiteralList(Array(repeating: "学院", count: 36)))
        #expect(!SheetWriter.fitsLiteralList(["a,b", "c"]) && !SheetWriter.fitsLiteralList(["say \"hi\""]))
    }

    @Test("closing twice is harmless, and a workbook dropped without closing is still written")
    func closing() throws {
        let folder = Paths.temporaryFolder("writer-close")
        let closed = folder.appendingPathComponent("closed.xlsx").path
        let workbook = try WorkbookWriter(path: closed)
        try workbook.addSheet("s").write(1, row: 0, column: 0)
        try workbook.close()
        try workbook.close()
        #expect(workbook.isClosed)
        #expect(try readTexts(closed) == [["1"]])

        let dropped = folder.appendingPathComponent("dropped.xlsx").path
        func writeAndDrop() throws {
            let sheet = try WorkbookWriter(path: dropped).addSheet("s")
            try sheet.write("kept", row: 0, column: 0)
        }
        try writeAndDrop()
        #expect(try readTexts(dropped) == [["kept"]])
    }

    // MARK: - Constant memory

    @Test("constant-memory mode writes 5,000 rows with fitted widths, drop-downs and protection")
    func constantMemory() throws {
        let path = Paths.temporaryFolder("writer-big").appendingPathComponent("big.xlsx").path
        let remarks = (1...30).map { "常用备注第\($0)条" }  // 30 × ~7 characters: under 255 characters, over 255 bytes
        let workbook = try WorkbookWriter(path: path, options: .init(constantMemory: true))
        let sheet = try workbook.addSheet("lixiao")
        sheet.protect(unlockedColumns: [3, 4], fromRow: 1)
        for (column, text) in WriterSample.header.enumerated() { try sheet.write(text, row: 0, column: column) }
        for row in 1...5_000 {
            try sheet.writeID(String(format: "2027%06d", row), row: row, column: 0)
            try sheet.write(row % 7 == 0 ? "欧阳某某" : "张三", row: row, column: 1)
            try sheet.write(WriterSample.colleges[row % 40], row: row, column: 2)
            try sheet.write(WriterSample.statuses[row % 3], row: row, column: 3)
            try sheet.write(row % 11 == 0 ? "=SUM(A1:A9)" : "", row: row, column: 4)
        }
        sheet.freezeHeader()
        try sheet.autoFilter(firstRow: 0, firstColumn: 0, lastRow: 5_000, lastColumn: 4)
        try sheet.addListValidation(column: 3, firstRow: 1, lastRow: 5_000, values: WriterSample.statuses)
        try sheet.addListValidation(column: 4, firstRow: 1, lastRow: 5_000, values: remarks)
        sheet.autoFitColumns()  // after the rows: widths are applied on close, which constant memory allows
        try workbook.close()

        let rows = try SpreadsheetReader(path: path).rows(inSheet: 0)
        #expect(rows.count == 5_001)
        #expect(rows[1].cells.map(\.text) == ["2027000001", "张三", "某某学院02", "2 无需办理"])
        #expect(rows[11].cells.map(\.text) == ["2027000011", "张三", "某某学院12", "3 已办理", "=SUM(A1:A9)"])
        #expect(try readTexts(path, sheet: 1) == remarks.map { [$0] })

        let report = try Openpyxl.report(for: path, maxRows: 3)
        let sheetReport = try report.sheet("lixiao")
        for (column, width) in ["A": 12.0, "B": 10, "C": 12, "D": 12, "E": 13] {
            #expect(abs((sheetReport.columnWidths[column] ?? 0) - width - 0.71) < 0.01, "column \(column)")
        }
        #expect(sheetReport.freezePanes == "A2" && sheetReport.protected)
        #expect(sheetReport.cells["A2"]?.format == "@" && sheetReport.cells["D2"]?.locked == false)
        #expect(sheetReport.validations.map(\.formula1) == ["\"1 未办理,2 无需办理,3 已办理\"", "'_lists'!$A$1:$A$30"])
        #expect(report.sheets.map(\.state) == ["visible", "hidden"])
    }

    @Test("constant-memory mode refuses to go back to an earlier row")
    func constantMemoryOrder() throws {
        let path = Paths.temporaryFolder("writer-order").appendingPathComponent("order.xlsx").path
        let workbook = try WorkbookWriter(path: path, options: .init(constantMemory: true))
        let sheet = try workbook.addSheet("s")
        try sheet.write("b", row: 1, column: 1)
        try sheet.write("a", row: 1, column: 0)
        let error = #expect(throws: XlsxWriterError.self) { try sheet.write("x", row: 0, column: 0) }
        #expect(error?.kind == .outOfRange)
        #expect(error?.description.contains("rows in order") == true)
        try workbook.close()
        #expect(try readTexts(path) == [["a", "b"]])
    }
}
