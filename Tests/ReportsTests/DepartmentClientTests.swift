import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// What real clients make of the department-side workbooks: openpyxl sees the validation, protection, frozen pane
/// and text IDs; LibreOffice converts every kind, and the origin survives LibreOffice and openpyxl saving it.
struct DepartmentClientTests {
    typealias File = DepartmentOutputs.File

    @Test("openpyxl sees the status drop-down, protection with only status and remark unlocked, and text IDs")
    func exportAsOpenpyxlSeesIt() throws {
        let report = try DepartmentOutputs.report(.exportLibrary)
        #expect(report.properties.title == "图书馆 离校办理数据导出（2027届夏季毕业）")
        #expect(report.properties.creator == "lixiao")
        #expect(report.properties.company == "测试大学")
        #expect(report.hiddenSheets == ["_lixiao_origin"])
        let sheet = try report.sheet("lixiao")
        #expect(
            sheet.validations == [
                .init(type: "list", sqref: "H6:H10", formula1: "\"1 未办理,2 无需办理,3 已办理\"")
            ])
        #expect(sheet.protected)
        #expect(sheet.blocked == ["autoFilter": false, "sort": false, "formatColumns": false, "formatRows": false])
        #expect(
            sheet.columnLocks == [
                "A": "locked", "B": "locked", "C": "locked", "D": "locked", "E": "locked", "F": "locked", "G": "locked",
                "H": "unlocked", "I": "unlocked", "J": "locked",
            ])
        #expect(sheet.freezePanes == "A6")
        #expect(sheet.autoFilter == "A5:J10")
        // The title and notes span the printed columns; 导出编号 (J) is for the program and does not print.
        #expect(sheet.merged == ["A1:I1", "A2:I2", "A3:I3", "A4:I4"])
        for row in 6...10 {
            #expect(sheet.cells["A\(row)"]?.format == "@")
            #expect(sheet.cells["A\(row)"]?.type == "s")
        }
        #expect(sheet.cells["A8"]?.value == .string("0123456"))
        #expect(sheet.cells["B8"]?.value == .string("=HYPERLINK(\"x\")"))
        #expect(sheet.cells["B8"]?.type == "s")
        #expect(sheet.cells["H8"]?.value == .string("1 未办理"))
        #expect(sheet.cells["H5"]?.locked == true)
        #expect(sheet.print.paperSize == "9")
        #expect(sheet.print.orientation == "landscape")
        #expect(sheet.print.fitToPage)
        #expect((sheet.print.fitToWidth ?? 1) == 1, "absent means Excel's default, one page wide")
        #expect(sheet.print.titleRows?.contains("$1:$5") == true)
        #expect((sheet.columnWidths["C"] ?? 0) >= 20, "学院 is fitted to its Chinese width")
    }

    @Test("the apartment export unlocks the status and remark after building and room")
    func apartmentLocks() throws {
        let sheet = try DepartmentOutputs.report(.exportApartment).sheet("lixiao")
        #expect(sheet.columnLocks["I"] == "locked")
        #expect(sheet.columnLocks["J"] == "unlocked")
        #expect(sheet.columnLocks["K"] == "unlocked")
        #expect(sheet.validations.map(\.sqref) == ["J6:J8"])
        #expect(sheet.cells["I6"]?.format == "@")
    }

    @Test("LibreOffice converts every kind to CSV and the values survive", arguments: File.allCases)
    func libreOfficeCSV(file: File) throws {
        let path = try DepartmentOutputs.path(file)
        let reader = try SpreadsheetReader(path: path)
        for (index, sheet) in reader.sheets.enumerated() {
            let ours = try reader.rows(inSheet: index).map { trimmed($0.cells.map(\.text)) }
            let theirs = try DepartmentOutputs.csv(file, sheet: sheet.name).map(trimmed).filter { !$0.isEmpty }
            #expect(theirs == ours, "\(file.rawValue) › \(sheet.name)")
        }
    }

    @Test(
        "the origin survives LibreOffice saving the export as xlsx and as xls",
        arguments: File.allCases.filter(\.hasOrigin))
    func originThroughLibreOffice(file: File) throws {
        let original = try #require(try DepartmentTools.origin(try DepartmentOutputs.path(file)))
        #expect(try DepartmentTools.origin(try DepartmentOutputs.libreOfficeXlsx(file)) == original)
        #expect(try DepartmentTools.origin(try DepartmentOutputs.libreOfficeXls(file)) == original)
    }

    @Test("the data survive LibreOffice's xls, and the origin sheet stays hidden in its xlsx")
    func libreOfficeKeepsTheSheet() throws {
        let ours = try DepartmentTools.texts(try DepartmentOutputs.path(.exportLibrary))
        #expect(try DepartmentTools.texts(try DepartmentOutputs.libreOfficeXls(.exportLibrary)) == ours)
        let resaved = try SpreadsheetReader(path: try DepartmentOutputs.libreOfficeXlsx(.exportLibrary))
        #expect(resaved.sheets.map(\.isHidden) == [false, true])
    }

    @Test(
        "the origin survives openpyxl loading and saving the workbook",
        arguments: File.allCases.filter { $0.hasOrigin && $0 != .originEdge })
    func originThroughOpenpyxl(file: File) throws {
        let source = try DepartmentOutputs.path(file)
        let saved = ReportsSample.temporaryFolder("openpyxl").appendingPathComponent("\(file.rawValue).xlsx").path
        try DepartmentTools.openpyxlResave(source, to: saved)
        let origin = try #require(try DepartmentTools.origin(saved))
        #expect(origin == (try DepartmentTools.origin(source)))
    }

    /// openpyxl 3.1 writes a literal `_x0041_` back unescaped, which every reader then decodes as `A`: the text
    /// really changed, and the origin says so rather than vouching for it.
    @Test("a remark openpyxl corrupts on saving makes the origin refuse, every other remark survives")
    func openpyxlCorruptsEscapes() throws {
        let saved = ReportsSample.temporaryFolder("openpyxl-edge").appendingPathComponent("edge.xlsx").path
        try DepartmentTools.openpyxlResave(try DepartmentOutputs.path(.originEdge), to: saved)
        let error = try #require(throws: OriginError.self) { try DepartmentTools.origin(saved) }
        #expect(error.problem == .checksumMismatch)
        let reader = try SpreadsheetReader(path: saved)
        let index = try #require(reader.sheets.firstIndex { $0.name == Origin.sheetName })
        var rows = try reader.rows(inSheet: index)
        let corrupted = try #require(rows.firstIndex { $0[0].text == "2023110101" })
        #expect(rows[corrupted][2].text == "A 字面")
        rows[corrupted].cells[2] = .text("_x0041_ 字面")
        #expect(try Origin.parse(rows, signer: .sample) == DepartmentOutputs.edgeOrigin)
    }

    /// A row without its trailing empty cells, as the reader yields it.
    private func trimmed(_ row: [String]) -> [String] {
        var row = row
        while row.last == "" { row.removeLast() }
        return row
    }
}
