import Foundation
import Sheets
import Testing

@testable import Reports

/// The receipt as the person who dropped a file reads and prints it: what needs attention first.
struct ReceiptWorkbookTests {
    static let receipt = Receipt(
        fileName: "数据导出-图书馆.xlsx", folder: "departments/图书馆", sha256: String(repeating: "ab", count: 32),
        processedAt: "2027-06-25 09:30:12", outcome: .processed,
        counts: [.init("已应用", 2), .init("未变化", 1), .init("冲突（未应用）", 1), .init("错误（未应用）", 1)],
        notes: ["来源：2027届夏季毕业，导出于 2027-06-24 08:00:00（账本序号 42）；未修改的单元格不会重复应用"],
        rows: [
            .init(row: 6, id: "2023110101", name: "张伟", result: .applied, detail: "办理状态 1 未办理 → 3 已办理"),
            .init(row: 7, id: "2023110102", name: "王芳", result: .unchanged),
            .init(row: 8, id: "2023110103", name: "李娜", result: .conflict, detail: "冲突：导出后系统中的办理状态已被改为「3 已办理」"),
            .init(row: 9, id: "2023110104", name: "赵敏", result: .applied, detail: "办理状态 1 未办理 → 2 无需办理"),
            .init(row: 10, id: "2023110105", name: "孙强", result: .error, detail: "「办理状态」列：「9」无效"),
        ])

    static func written() throws -> String {
        let path = ReportsSample.temporaryFolder("receipt").appendingPathComponent("回执.xlsx").path
        try ReceiptWorkbook.write(receipt, to: path)
        return path
    }

    @Test("problem rows come first, errors before conflicts, each group in file order; names are filled")
    func problemsFirst() throws {
        let rows = try DepartmentTools.texts(try Self.written(), sheet: "逐行结果")
        #expect(rows[0] == ["行号", "学工号", "姓名", "结果", "说明"])
        #expect(rows[1...].map { $0[0] } == ["10", "8", "6", "9", "7"])
        #expect(rows[1...].map { $0[3] } == ["错误", "冲突", "已应用", "已应用", "未变化"])
        #expect(rows[1][2] == "孙强")
    }

    @Test("the headline says what needs attention; counts are numbers")
    func headlineAndCounts() throws {
        let rows = try DepartmentTools.texts(try Self.written(), sheet: "概要")
        #expect(rows[1].first == "请查看「逐行结果」最前面标色的行：1 行有错误（未应用），1 行冲突（未应用）")
        let reader = try SpreadsheetReader(path: try Self.written())
        let summary = try reader.rows(inSheet: 0)
        let applied = try #require(summary.first { $0[0].text == "已应用" })
        #expect(applied[1] == .number(2))
        let clean = Receipt(
            fileName: "a.xlsx", folder: "registry", sha256: "", processedAt: "", outcome: .processed,
            rows: [.init(row: 2, id: "1", name: "甲", result: .applied)])
        #expect(ReceiptWorkbook.headline(clean) == ("已全部处理，无需再做什么", false))
    }

    @Test("both sheets print on A4 portrait, one page wide; the row header repeats on every page")
    func printing() throws {
        let path = try Self.written()
        let report = try #require(try DepartmentTools.openpyxlReports([path])[path])
        for name in ["概要", "逐行结果"] {
            let sheet = try report.sheet(name)
            #expect(sheet.print.paperSize == "9", "\(name)")
            #expect(sheet.print.orientation == "portrait", "\(name)")
            #expect(sheet.print.fitToPage && (sheet.print.fitToWidth ?? 1) == 1, "\(name)")
        }
        #expect(try report.sheet("逐行结果").print.titleRows == "$1:$1")
        #expect(try report.sheet("逐行结果").autoFilter == "A1:E6")
    }

    @Test("a long reason wraps in a row tall enough to show it")
    func wrappedHeights() {
        #expect(ReceiptWorkbook.wrappedHeight("短", width: 58) == nil)
        let long = String(repeating: "冲突：导出后系统中的值已被改过。", count: 4)
        #expect((ReceiptWorkbook.wrappedHeight(long, width: 58) ?? 0) >= 29)
        #expect(ReceiptWorkbook.wrappedHeight("一\n二", width: 58) == 31)
    }
}

/// The receipt's model as text under review, beside the outbox kinds' dumps in `Tests/PipelineTests/Golden/`;
/// after an intended change, `LIXIAO_UPDATE_GOLDEN=1 swift test --filter ReceiptGoldenTests` rewrites it.
struct ReceiptGoldenTests {
    @Test("the sample receipt's dump equals Golden/receipt.txt")
    func dumpMatches() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Golden/receipt.txt")
        let dump = try ReceiptWorkbook.model(ReceiptWorkbookTests.receipt).dump(styleNames: ReportStyleNames.all)
        if ProcessInfo.processInfo.environment["LIXIAO_UPDATE_GOLDEN"] == "1" {
            try Data(dump.utf8).write(to: file)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == dump)
    }
}
