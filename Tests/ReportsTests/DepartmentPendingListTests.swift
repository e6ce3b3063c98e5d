import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The 催办名单 a department prints: who is still 未办理, grouped, with the days left and overdue rows marked.
struct DepartmentPendingListTests {
    static let cs = "计算机科学与技术学院"
    static let fl = "外国语学院"

    /// Writes the pending list of `itemID` with `context` into a fresh folder.
    static func write(_ itemID: ItemID, context: OutputContext = ReportsSample.context, college: College? = nil)
        throws -> String
    {
        let item = try #require(context.university.item(itemID))
        let path = ReportsSample.temporaryFolder("pending").appendingPathComponent("pending.xlsx").path
        try PendingList.write(context, item: item, college: college, to: path)
        return path
    }

    @Test("after the deadline the list shows negative days left, 已逾期 N 天, and the summary")
    func overdueList() throws {
        let rows = try DepartmentTools.texts(try DepartmentOutputs.path(.pendingLibrary), sheet: "催办名单")
        #expect(rows[0] == ["图书馆 催办名单（2027届夏季毕业）"])
        #expect(rows[1] == ["范围：全校　未办理 2 人 / 应办理 5 人　截止日期：2027-06-30（已逾期 3 天）"])
        #expect(rows[3] == ["学院", "班级", "学工号", "姓名", "剩余天数", "逾期情况", "办理备注"])
        #expect(
            Array(rows[4...]) == [
                [Self.cs, "软工2302", "0123456", "=HYPERLINK(\"x\")", "-3", "已逾期 3 天", "欠书 2 本"],
                [Self.fl, "英硕2401", "2024210306", "赵敏", "-3", "已逾期 3 天"],
            ])
    }

    @Test("overdue rows are drawn in red; IDs stay text")
    func overdueRowsAreRed() throws {
        let sheet = try DepartmentOutputs.report(.pendingLibrary).sheet("催办名单")
        for column in ["A", "B", "C", "D", "E", "F", "G"] {
            #expect(sheet.cells["\(column)5"]?.color == "FFC00000", "\(column)5")
        }
        #expect(sheet.cells["C5"]?.value == .string("0123456"))
        #expect(sheet.cells["C5"]?.format == "@")
        #expect(sheet.cells["E5"]?.value == .number(-3))
        #expect(sheet.freezePanes == "A5")
        #expect(sheet.print.paperSize == "9")
        #expect(sheet.print.fitToPage)
        #expect(sheet.print.titleRows?.contains("$1:$4") == true)
    }

    @Test("before the deadline the list counts the days left and marks nothing")
    func daysLeftBeforeDeadline() throws {
        let path = try Self.write("library")
        let rows = try DepartmentTools.texts(path)
        #expect(rows[4][4...5] == ["5", "剩余 5 天"])
        let sheet = try #require(try DepartmentTools.openpyxlReports([path])[path]).sheet("催办名单")
        #expect(sheet.cells["A5"]?.color == nil)
        var today = ReportsSample.context
        today.today = ReportsSample.summer.deadline
        #expect(try DepartmentTools.texts(try Self.write("library", context: today))[4][4...5] == ["0", "今天截止"])
    }

    @Test("the summary sheet counts pending and applicable people per college and class")
    func summarySheet() throws {
        let rows = try DepartmentTools.texts(try DepartmentOutputs.path(.pendingLibrary), sheet: "按班级汇总")
        #expect(rows[1] == ["学院", "班级", "未办理人数", "应办理人数"])
        #expect(Array(rows[2...]) == [[Self.cs, "软工2302", "1", "1"], [Self.fl, "英硕2401", "1", "2"]])
    }

    @Test("a residents-only item's list shows building and room; an empty list still has its heading")
    func apartmentList() throws {
        var state = ReportsSample.state
        state.apply(.statusSet("0123456", "apartment", old: ItemState(status: .done), new: ItemState(status: .pending)))
        var context = ReportsSample.context
        context.state = state
        let rows = try DepartmentTools.texts(try Self.write("apartment", context: context))
        #expect(rows[3] == ["学院", "班级", "学工号", "姓名", "公寓楼", "房间", "剩余天数", "逾期情况", "办理备注"])
        #expect(rows[4].prefix(6) == [Self.cs, "软工2302", "0123456", "=HYPERLINK(\"x\")", "2号楼", "101"])
        let empty = try DepartmentTools.texts(try Self.write("apartment"))
        #expect(empty[1].first?.contains("未办理 0 人 / 应办理 3 人") == true)
        #expect(empty.count == 4)
    }

    @Test("the advisor item's list names each student's advisor; a college's list holds only that college")
    func advisorAndCollegeLists() throws {
        let advisorRows = try DepartmentTools.texts(try Self.write("advisor"))
        #expect(advisorRows[3].contains("导师姓名"))
        #expect(advisorRows[4...].map { $0[2] } == ["2024210305", "2024210306"])
        #expect(advisorRows[4][4...5] == ["T2003015", "陈教授"])
        let partyFL = try DepartmentTools.texts(try Self.write("party", college: ReportsSample.fl))
        #expect(partyFL[0] == ["学院党委（外国语学院） 催办名单（2027届夏季毕业）"])
        #expect(partyFL[4...].map { $0[2] } == ["2024210306"])
    }

    @Test("the file name names the item, the college when given, and the batch")
    func fileName() throws {
        let party = try #require(ReportsSample.university.item("party"))
        #expect(
            PendingList.fileName(item: party, college: ReportsSample.cs, batch: ReportsSample.summer)
                == "催办名单-学院党委-计算机科学与技术学院-2027届夏季毕业.xlsx")
    }
}
