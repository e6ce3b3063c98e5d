import Foundation
import Sheets
import Testing

/// `lixiao export` never drops a requested person quietly.
@Suite("lixiao export", .serialized)
struct ExportCommandTests {
    private func people(in path: String) throws -> Int {
        try Season.rowsBelowHeader(path)
    }

    @Test("without --batch, people of both batches are exported, one file per batch")
    func everyBatch() throws {
        let season = try Season.started()
        let run = season.lixiao(["export", "--item", "图书馆", "-o", season.path("图书馆.xlsx")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(season.exists("图书馆-2027届夏季毕业.xlsx"))
        #expect(season.exists("图书馆-2027届冬季毕业.xlsx"))
        #expect(run.standardOutput.contains("of 2027届冬季毕业"))
    }

    @Test("a mixed-batch --id list loses nobody, and a range selects the people in it")
    func idsAndRanges() throws {
        let season = try Season.started()
        let mixed = season.lixiao([
            "export", "--item", "图书馆", "--id", "2023110101", "--id", "2022310017", "-o", season.path("m.xlsx"),
        ])
        #expect(mixed.status == 0, "\(mixed.standardError)")
        #expect(try people(in: season.path("m-2027届夏季毕业.xlsx")) == 1)
        #expect(try people(in: season.path("m-2027届冬季毕业.xlsx")) == 1)
        let range = season.lixiao([
            "export", "--item", "图书馆", "--id", "2023110101-2023110199", "-o", season.path("r.xlsx"),
        ])
        #expect(range.status == 0, "\(range.standardError)")
        #expect(try people(in: season.path("r.xlsx")) == 3)
    }

    @Test("a 学工号 nobody has, or a filter matching nobody, exits 66 and says so")
    func unmatched() throws {
        let season = try Season.started()
        let partly = season.lixiao([
            "export", "--item", "图书馆", "--id", "2023110101", "--id", "9999999999", "-o", season.path("p.xlsx"),
        ])
        #expect(partly.status == 66)
        #expect(partly.standardError.contains("9999999999"))
        #expect(try people(in: season.path("p.xlsx")) == 1)
        let nobody = season.lixiao(["export", "--item", "图书馆", "--name", "无此人", "-o", season.path("n.xlsx")])
        #expect(nobody.status == 66)
        #expect(!season.exists("n.xlsx"))
    }

    @Test("a notice asked for under a name that is not .xlsx is refused, not written as a workbook in disguise")
    func noticeExtension() throws {
        let season = try Season.started()
        let run = season.lixiao(["notice", "2023110101", "-o", season.path("n.pdf")])
        #expect(run.status == 64, "\(run.standardError)")
        #expect(!season.exists("n.pdf"))
    }

    @Test(
        "an all-college export of a college-scoped item returned to one college's folder: untouched rows are no errors")
    func wideExportReturnedToOneCollege() throws {
        let season = try Season.started()
        let export = season.lixiao([
            "export", "--item", "学院党委", "--batch", "2027-summer", "-o", season.path("党委全校.xlsx"),
        ])
        #expect(export.status == 0, "\(export.standardError)")
        try season.edit(
            season.path("党委全校.xlsx"), into: "departments/学院党委/计算机科学与技术学院", as: "党委.xlsx",
            ["2023110101", "办理状态=3"])
        #expect(season.run().status == 0)
        let rows = try season.receiptRows("outbox/departments/学院党委/计算机科学与技术学院/回执/党委.xlsx.回执.xlsx")
        #expect(!rows.contains { $0.count > 3 && $0[3] == "错误" }, "\(rows)")
        #expect(try season.item("2023110101", "学院党委")["status"] as? Int == 3)
    }
}

extension Season {
    /// How many data rows the first sheet of a lixiao export holds (below its 学工号 header).
    static func rowsBelowHeader(_ path: String) throws -> Int {
        let rows = try SpreadsheetReader(path: path).rows(inSheet: 0).map { $0.cells.map(\.text) }
        guard let header = rows.firstIndex(where: { $0.contains("学工号") }) else { return 0 }
        return rows[(header + 1)...].filter { !($0.first ?? "").isEmpty }.count
    }
}
