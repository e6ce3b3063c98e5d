import Foundation
import Testing

@testable import Sheets

/// Files written by real programs (openpyxl, LibreOffice, Python's csv module in GBK) read as staff see them.
@Suite("Reading files written by other programs")
struct ReaderFixtureTests {
    static let header = ["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "离校批次", "入学日期", "学分"]
    static let zhangWei = [
        "2023110101", "张伟", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "2027届夏季毕业",
        "2023-09-01", "152.5",
    ]
    static let zhao = [
        "2023110199", "赵, 敏", "女", "经济管理学院", "会计学（ACCA）", "会计2302", "本科", "2027届夏季毕业",
        "2023-09-01", "150",
    ]

    @Test(
        "a registry export reads the same from every writer and format",
        arguments: [
            "registry-openpyxl.xlsx", "registry-libreoffice.xlsx", "registry-libreoffice.xls",
            "registry-utf8.csv", "registry-utf8-bom.csv", "registry-gbk.csv", "registry-gbk-excel-style.csv",
        ])
    func registryReadsAlike(file: String) throws {
        let reader = try SpreadsheetReader(path: Paths.fixture(file))
        let rows = try reader.rows(inSheet: 0)
        // Title row above the header, blank rows skipped but their numbers kept.
        #expect(rows.map(\.number) == [1, 3, 4, 5, 7, 8, 9])
        #expect(rows[0].cells.first?.text == "2027届毕业生学籍信息（学籍系统导出）")
        #expect(rows[1].cells.map(\.text) == Self.header)
        #expect(rows[2].cells.map(\.text) == Self.zhangWei)
        #expect(rows[6].cells.map(\.text) == Self.zhao)
        #expect(rows[5].cells[1].text == "欧阳明轩")
    }

    @Test(
        "IDs stored as numbers read as exact digits, dates as dates, in xlsx and xls",
        arguments: ["registry-openpyxl.xlsx", "registry-libreoffice.xlsx", "registry-libreoffice.xls"])
    func typedCells(file: String) throws {
        let rows = try SpreadsheetReader(path: Paths.fixture(file)).rows()
        #expect(rows[2][0] == .number(2_023_110_101))
        #expect(rows[2][8] == .date(CalendarDate(year: 2023, month: 9, day: 1)))
        #expect(rows[4][8] == .date(CalendarDate(year: 2024, month: 9, day: 5)))
        #expect(rows[2][9] == .number(152.5))
    }

    @Test(
        "the format and encoding are detected from content",
        arguments: [
            ("registry-openpyxl.xlsx", "xlsx", "UTF-8"), ("registry-libreoffice.xls", "xls", "UTF-16LE"),
            ("registry-utf8.csv", "csv", "UTF-8"), ("registry-utf8-bom.csv", "csv", "UTF-8 (BOM)"),
            ("registry-gbk.csv", "csv", "GB18030"), ("registry-gbk-excel-style.csv", "csv", "GB18030"),
        ])
    func detection(file: String, format: String, encoding: String) throws {
        let reader = try SpreadsheetReader(path: Paths.fixture(file))
        #expect(reader.format.rawValue == format)
        #expect(reader.encoding == encoding)
    }

    @Test(
        "every sheet of a workbook is listed, in order",
        arguments: ["registry-openpyxl.xlsx", "registry-libreoffice.xls"])
    func sheets(file: String) throws {
        let reader = try SpreadsheetReader(path: Paths.fixture(file))
        #expect(reader.sheets.map(\.name) == ["学籍信息", "说明"])
        #expect(try readTexts(Paths.fixture(file), sheet: 1) == [["本表由学籍系统导出"], ["请勿修改学号列"]])
    }

    @Test("a quoted CSV field keeps its comma and its line break, and the row keeps its number")
    func quotedCSV() throws {
        let rows = try SpreadsheetReader(path: Paths.fixture("registry-gbk.csv")).rows()
        #expect(rows[4].number == 7)
        #expect(rows[4][5].text == "英硕2401\n（二班）")
        #expect(rows[6][1].text == "赵, 敏")
    }

    @Test("a text ID keeps its leading zero; a formula-looking text stays text")
    func idsAndInjection() throws {
        let rows = try readTexts(Paths.fixture("ids-and-formulas-openpyxl.xlsx"))
        #expect(rows[0] == ["学工号", "姓名", "办理状态", "办理备注"])
        #expect(rows[1] == ["11120205", "陈静", "1"])
        #expect(rows[2] == ["0123456", "刘洋", "3", "已还书"])
        #expect(rows[4] == ["11120208", "=HYPERLINK(\"http://x\")", "2", "注入文本"])
    }

    @Test("a formula yields its cached value, and one without a cached value is a cell error, never evaluated")
    func formulas() throws {
        let uncached = try SpreadsheetReader(path: Paths.fixture("ids-and-formulas-openpyxl.xlsx")).rows()
        #expect(uncached[3][2] == .error(.formulaWithoutCachedValue(formula: "1+2")))
        let cached = try SpreadsheetReader(path: Paths.fixture("formulas-libreoffice.xlsx")).rows()
        #expect(cached[3][2] == .number(3))
    }

    @Test("rich-text runs join into one text; booleans read as booleans")
    func richText() throws {
        let rows = try SpreadsheetReader(path: Paths.fixture("rich-text.xlsx")).rows()
        #expect(rows[0].cells == [.text("张伟"), .bool(true)])
        #expect(rows[1].cells == [.text("普通文本"), .bool(false)])
    }

    @Test(
        "files that are not spreadsheets are named for what they are",
        arguments: [
            ("not-a-spreadsheet.pdf.xlsx", ForeignFormat.pdf), ("registry.ods", .openDocument),
            ("portal-export.xls", .htmlPage), ("document.docx", .wordDocument),
            ("numbers-like.numbers", .appleNumbers), ("wps-sheet.et", .wpsSpreadsheet),
        ])
    func foreign(file: String, format: ForeignFormat) {
        #expect(throws: SheetError(file: file, problem: .foreignFormat(format))) {
            try SpreadsheetReader(path: Paths.fixture(file))
        }
    }

    @Test("a password-protected workbook is refused as encrypted, with a Chinese message for staff")
    func encrypted() throws {
        let error = #expect(throws: SheetError.self) { try SpreadsheetReader(path: Paths.fixture("encrypted.xlsx")) }
        #expect(error?.problem == .encrypted)
        #expect(error?.staffMessage == "文件「encrypted.xlsx」：设置了打开密码，请取消密码后重新保存并放入")
    }
}

@Suite("CSV delimiters")
struct CSVDelimiterTests {
    @Test("a semicolon-separated CSV (Excel in comma-decimal locales) reads by columns", arguments: [";", "\t", ","])
    func delimiters(separator: String) throws {
        let folder = Paths.temporaryFolder("csv")
        let path = folder.appendingPathComponent("回传.csv").path
        let text =
            ["学工号", "办理状态", "办理备注"].joined(separator: separator) + "\r\n"
            + ["2023110101", "3", "已还书"].joined(separator: separator) + "\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try readTexts(path) == [["学工号", "办理状态", "办理备注"], ["2023110101", "3", "已还书"]])
    }
}
