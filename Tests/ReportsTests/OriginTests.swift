import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The origin a returned sheet carries: written and read back, absent from hand-made sheets, refused when damaged.
struct OriginTests {
    /// Writes a workbook with one visible sheet and `origin`, returning its path.
    static func workbook(with origin: Origin) throws -> String {
        let path = ReportsSample.temporaryFolder("origin").appendingPathComponent("origin.xlsx").path
        let workbook = WorkbookBuilder()
        try workbook.addSheet("lixiao").write("名单", row: 0, column: 0)
        try origin.write(into: workbook, signer: .sample)
        try workbook.model.write(to: path)
        return path
    }

    /// Writes a workbook whose origin sheet holds exactly `rows`, as a damaged or foreign file would.
    static func workbook(originRows rows: [[String]]) throws -> String {
        let path = ReportsSample.temporaryFolder("origin-bad").appendingPathComponent("bad.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        try workbook.addSheet("lixiao").write("名单", row: 0, column: 0)
        let sheet = try workbook.addSheet(Origin.sheetName)
        for (row, cells) in rows.enumerated() {
            for (column, text) in cells.enumerated() { try sheet.write(text, row: row, column: column) }
        }
        try workbook.close()
        return path
    }

    /// The cells `Origin.write` produces for `origin`, as text rows, for tampering with.
    static func cells(of origin: Origin) throws -> [[String]] {
        let reader = try SpreadsheetReader(path: try workbook(with: origin))
        let index = try #require(reader.sheets.firstIndex { $0.name == Origin.sheetName })
        return try reader.rows(inSheet: index).map { $0.cells.map(\.text) }
    }

    static let sample = Origin(
        kind: .department, batch: "2027-summer", item: "party", college: "cs", sequence: 42,
        generatedAt: "2027-06-25 09:00:00",
        rows: [
            "0123456": ItemState(status: .done), "2023110102": ItemState(status: .notRequired, remark: "=1+1"),
            "2023110101": ItemState(status: .pending, remark: "欠费 12.5 元"),
        ])

    @Test("an origin written into a workbook reads back identical, whatever its kind")
    func roundTrip() throws {
        let advisor = Origin(
            kind: .advisor, batch: "2027-summer", item: "advisor", advisor: "T2003015", sequence: 0,
            generatedAt: "2027-06-25 09:00:00", rows: [:])
        for origin in [Self.sample, advisor, DepartmentOutputs.edgeOrigin] {
            #expect(try DepartmentTools.origin(try Self.workbook(with: origin)) == origin)
        }
    }

    @Test("the origin sheet has a marker row, key/value rows, then 学工号/状态/备注 rows in ID order")
    func layout() throws {
        let rows = try Self.cells(of: Self.sample)
        #expect(rows[0].prefix(2) == ["lixiao-origin", "1"])
        #expect(
            rows[1...9].map { Array($0.prefix(2)) } == [
                ["kind", "department"], ["batch", "2027-summer"], ["item", "party"], ["college", "cs"],
                ["advisor", ""],
                ["sequence", "42"], ["generatedAt", "2027-06-25 09:00:00"], ["rows", "3"],
                ["checksum", OriginSigner.sample.code(of: Self.sample)],
            ])
        #expect(rows[10] == ["学工号", "状态", "备注"])
        #expect(rows[11...] == [["0123456", "3"], ["2023110101", "1", "欠费 12.5 元"], ["2023110102", "2", "=1+1"]])
    }

    @Test("the origin sheet is hidden and protected, and not the first sheet")
    func hiddenAndProtected() throws {
        let report = try DepartmentOutputs.report(.exportLibrary)
        #expect(report.hiddenSheets == [Origin.sheetName])
        let sheet = try report.sheet(Origin.sheetName)
        #expect(sheet.state == "hidden")
        #expect(sheet.protected)
        #expect(report.sheets.first?.name == "lixiao")
        #expect(sheet.cells["A12"]?.format == "@")
    }

    @Test("a hand-made workbook or a CSV has no origin")
    func noOrigin() throws {
        #expect(try DepartmentTools.origin(try DepartmentOutputs.path(.departmentReturn)) == nil)
        let csv = ReportsSample.temporaryFolder("origin-csv").appendingPathComponent("return.csv")
        try Data("学工号,办理状态\n0123456,3\n".utf8).write(to: csv)
        #expect(try DepartmentTools.origin(csv.path) == nil)
    }

    @Test(
        "a damaged origin is refused with a message naming what is wrong",
        arguments: [
            ("someone else's sheet", [["名单"]], "不是离校系统生成的"),
            ("a newer layout", [["lixiao-origin", "9"]], "格式版本 9"),
        ])
    func foreignOrNewer(label: String, rows: [[String]], message: String) throws {
        let path = try Self.workbook(originRows: rows)
        let error = try #require(throws: OriginError.self) { try DepartmentTools.origin(path) }
        #expect(error.description.contains(message), "\(label): \(error)")
    }

    @Test("an edited, truncated or inconsistent origin is refused")
    func tampered() throws {
        let rows = try Self.cells(of: Self.sample)
        func refusal(_ change: (inout [[String]]) -> Void) throws -> OriginError {
            var changed = rows
            change(&changed)
            let path = try Self.workbook(originRows: changed)
            return try #require(throws: OriginError.self) { try DepartmentTools.origin(path) }
        }
        #expect(try refusal { $0[2][1] = "" }.problem == .missingKey("batch"))
        #expect(try refusal { $0[1][1] = "college" }.problem == .badValue(key: "kind", value: "college"))
        #expect(try refusal { $0[6][1] = "-4" }.problem == .badValue(key: "sequence", value: "-4"))
        #expect(try refusal { $0[11][1] = "4" }.problem == .badRow(row: 12, reason: "的状态不是 1、2 或 3"))
        #expect(try refusal { $0[12][0] = "0123456" }.problem == .badRow(row: 13, reason: "的学工号 0123456 重复"))
        #expect(try refusal { $0.removeLast() }.problem == .rowCount(expected: 3, found: 2))
        #expect(try refusal { $0[13][2] = "已缴清" }.problem == .checksumMismatch)
        #expect(try refusal { $0.removeSubrange(10...) }.problem == .missingKey("学工号"))
        let edited = try refusal { $0[13][2] = "已缴清" }
        #expect(edited.description == "文件中的来源信息表（_lixiao_origin）被修改过，校验值不符；请使用从 outbox 取回的原文件填写")
    }

    @Test("an origin edited and re-signed without this installation's key is refused as edited")
    func forgedCheckCode() throws {
        var forged = Self.sample
        forged.sequence = 99
        forged.rows["2023110101"] = ItemState(status: .done, remark: "已缴清")
        var rows = try Self.cells(of: Self.sample)
        rows[6][1] = "99"
        rows[12][1] = "3"
        rows[12][2] = "已缴清"
        rows[9][1] = OriginSigner.forger.code(of: forged)
        let error = try #require(throws: OriginError.self) {
            try DepartmentTools.origin(try Self.workbook(originRows: rows))
        }
        #expect(error.problem == .checksumMismatch)
        // The same edit signed with the installation's key is accepted: only the key makes a valid code.
        rows[9][1] = OriginSigner.sample.code(of: forged)
        #expect(try DepartmentTools.origin(try Self.workbook(originRows: rows)) == forged)
    }

    @Test("an origin made before the installation's secret was made again is refused as unverifiable")
    func lostKey() throws {
        let path = try Self.workbook(with: Self.sample)
        let renewed = OriginSigner(
            { _ in String(repeating: "0", count: 64) }, signedWithLostKey: { _, sequence in sequence <= 50 })
        let error = try #require(throws: OriginError.self) {
            try Origin.read(from: try SpreadsheetReader(path: path), signer: renewed)
        }
        #expect(error.problem == .unverifiable)
        #expect(error.description.contains("无法核实"))
    }

    @Test("keys may come in any order, and cells a program stored as numbers still read")
    func tolerantReading() throws {
        var rows = try Self.cells(of: Self.sample)
        rows.swapAt(1, 8)
        let path = ReportsSample.temporaryFolder("origin-numbers").appendingPathComponent("n.xlsx").path
        let workbook = try WorkbookWriter(path: path)
        try workbook.addSheet("lixiao").write("名单", row: 0, column: 0)
        let sheet = try workbook.addSheet(Origin.sheetName)
        for (row, cells) in rows.enumerated() {
            for (column, text) in cells.enumerated() {
                if row > 10, column == 1, let number = Double(text) {
                    try sheet.write(number, row: row, column: column)
                } else {
                    try sheet.write(text, row: row, column: column)
                }
            }
        }
        try workbook.close()
        #expect(try DepartmentTools.origin(path) == Self.sample)
    }
}
