import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

@Suite("Departure notice (离校通知单)")
struct NoticeTests {
    static func notice(_ id: PersonID, context: OutputContext = ReportsSample.context) throws -> String {
        let person = try #require(context.state[id]?.person)
        return try Probe.output(DepartureNotice.fileName(for: person)) { path in
            try DepartureNotice.write(context, person: id, to: path)
        }
    }

    static func grid(_ path: String) throws -> [[String]] {
        try #require(try Probe.sheets(path)["离校通知单"])
    }

    @Test("the file name carries the 学工号 and a name safe for any file system")
    func fileName() throws {
        let people = ReportsSample.people
        #expect(DepartureNotice.fileName(for: people[0]) == "离校通知单-2023110101-张伟.xlsx")
        #expect(DepartureNotice.fileName(for: people[2]) == "离校通知单-0123456-=HYPERLINK(_x_).xlsx")
    }

    @Test("the notice shows the profile and every applicable item with its status, remark and location")
    func profileAndItems() throws {
        let grid = try Self.grid(try Self.notice("2024210305"))
        #expect(grid.first == ["测试大学 离校通知单"])
        #expect(grid.contains(["学工号", "2024210305", "姓名", "李娜"]))
        #expect(grid.contains(["培养层次", "硕士", "学院", "外国语学院"]))
        #expect(grid.contains(["班级", "英硕2401", "专业", "英语语言文学"]))
        #expect(grid.contains(["公寓楼/房间", "研3号楼 112", "导师", "陈教授（T2003015）"]))
        let items = Array(grid.drop { $0.first != "办理项" }.dropFirst().prefix(5))
        #expect(
            items == [
                ["图书馆", "3 已办理", "", "图书馆一楼总服务台"],
                ["学生公寓管理中心", "3 已办理", "", "各公寓楼值班室"],
                ["研究生院", "3 已办理", "", "研究生院"],
                ["学院党委", "3 已办理", "", "学院党委办公室"],
                ["导师签字", "1 未办理", "", "导师本人"],
            ])
        let lines = grid.compactMap(\.first)
        #expect(lines.contains("发证资格：尚未满足发证条件，还需办理：导师签字"))
        #expect(lines.contains("办理截止日期：2027-06-30（还剩 5 天）"))
        #expect(lines.contains { $0.hasPrefix("生成时间：2027-06-25 09:00:00") })
        #expect(lines.contains { $0.hasPrefix("本人签字：") })
    }

    @Test("only the items that apply are listed, with remarks")
    func onlyApplicableItems() throws {
        let grid = try Self.grid(try Self.notice("0123456"))
        let items = grid.drop { $0.first != "办理项" }.dropFirst().prefix { !($0.first ?? "").contains("：") }
        #expect(
            Array(items) == [
                ["图书馆", "1 未办理", "欠书 2 本", "图书馆一楼总服务台"],
                ["学生公寓管理中心", "3 已办理", "", "各公寓楼值班室"],
                ["学院党委", "3 已办理", "", "学院党委办公室"],
            ])
        #expect(grid.contains(["学工号", "0123456", "姓名", "=HYPERLINK(\"x\")"]))
    }

    @Test("the notice tells the issued their issue time and the eligible to collect their certificates")
    func standing() throws {
        let issued = try Self.grid(try Self.notice("2023110101")).compactMap(\.first)
        // 01:30 UTC in the context's zone (Beijing time), whatever zone the tests run in.
        #expect(issued.contains("两证发放：已发证（2027-06-01 09:30）"))
        #expect(!issued.contains { $0.hasPrefix("办理截止日期") })
        let eligible = try Self.grid(try Self.notice("2023110102"))
        #expect(eligible.compactMap(\.first).contains("发证资格：所有事项均已办结，已满足发证条件，请到学院领取两证。"))
        #expect(eligible.contains(["公寓楼/房间", "无", "导师", "无"]))
    }

    @Test("asking for someone outside the batch is an error")
    func unknownPerson() throws {
        let path = ReportsSample.temporaryFolder("notice").appendingPathComponent("x.xlsx").path
        #expect(throws: DepartureNoticeError.self) {
            try DepartureNotice.write(ReportsSample.context, person: "9999999", to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("openpyxl sees an A4 portrait page fitted to its width, and the 学工号 as text")
    func printable() throws {
        let report = try Probe.openpyxl(try Self.notice("0123456"))
        let sheet = try #require(report[sheet: "离校通知单"])
        #expect(sheet.print.paperSize == "9")
        #expect(sheet.print.orientation == "portrait")
        #expect(sheet.print.fitToPage)
        #expect((sheet.print.fitToWidth ?? 1) == 1)
        #expect(sheet.cells["B5"]?.value == "0123456")
        #expect(sheet.cells["B5"]?.type == "s")
        #expect(sheet.cells["B5"]?.format == "@")
        #expect(sheet.cells["D5"]?.type == "s")
        #expect(report.title == "离校通知单 0123456 =HYPERLINK(\"x\")")
    }
}
