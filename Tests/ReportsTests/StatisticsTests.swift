import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

@Suite("Statistics workbooks (办理统计, 离校办理统计, 公寓办理概况)")
struct StatisticsTests {
    static let library = ReportsSample.university.items[0]
    static let party = ReportsSample.university.items[3]

    static func itemStatistics(_ item: Item, college: College?) throws -> String {
        try Probe.output(ItemStatistics.fileName(item: item, college: college, batch: ReportsSample.summer)) { path in
            try ItemStatistics.write(ReportsSample.context, item: item, college: college, to: path)
        }
    }

    /// Everyone added on 06-01; the library clears 张伟 that day, 王芳 on 06-03 and 李娜 on 06-04; the apartment
    /// centre clears 张伟 on 06-03.
    static var progress: ClearanceProgress {
        var progress = ClearanceProgress()
        let first = Day(year: 2027, month: 6, day: 1)
        for person in ReportsSample.people { progress.record(.added(person), on: first) }
        func clear(_ id: PersonID, _ item: ItemID, on day: Int) {
            progress.record(
                .statusSet(id, item, old: .initial, new: ItemState(status: .done)),
                on: Day(year: 2027, month: 6, day: day))
        }
        clear("2023110101", "library", on: 1)
        clear("2023110102", "library", on: 3)
        clear("2024210305", "library", on: 4)
        clear("2023110101", "apartment", on: 3)
        return progress
    }

    static func leaders(_ progress: ClearanceProgress = progress) throws -> String {
        try Probe.output(LeadersWorkbook.fileName(batch: ReportsSample.summer)) { path in
            try LeadersWorkbook.write(ReportsSample.context, progress: progress, to: path)
        }
    }

    static func apartment(_ context: OutputContext) throws -> String {
        try Probe.output(ApartmentOverview.fileName(batch: ReportsSample.summer)) { path in
            try ApartmentOverview.write(context, to: path)
        }
    }

    @Test("file names say what and for whom")
    func fileNames() {
        let batch = ReportsSample.summer
        #expect(ItemStatistics.fileName(item: Self.library, college: nil, batch: batch) == "办理统计-图书馆-2027届夏季毕业.xlsx")
        #expect(
            ItemStatistics.fileName(item: Self.party, college: ReportsSample.cs, batch: batch)
                == "办理统计-学院党委-计算机科学与技术学院-2027届夏季毕业.xlsx")
        #expect(LeadersWorkbook.fileName(batch: batch) == "离校办理统计-2027届夏季毕业.xlsx")
        #expect(ApartmentOverview.fileName(batch: batch) == "公寓办理概况-2027届夏季毕业.xlsx")
    }

    @Test("an item's statistics count 1/2/3 by college, with totals and completion rates")
    func itemByCollege() throws {
        let path = try Self.itemStatistics(Self.library, college: nil)
        let rows = try Probe.rows(path, sheet: "办理统计", below: "学院")
        #expect(
            rows == [
                ["计算机科学与技术学院", "3", "1", "0", "2", PlainNumber.format(2.0 / 3)],
                ["外国语学院", "2", "1", "0", "1", "0.5"],
                ["合计", "5", "2", "0", "3", "0.6"],
            ])
        let report = try Probe.openpyxl(path)
        #expect(report.chartCount == 1)
        #expect(report[sheet: "办理统计"]?.cells["C4"]?.value == "1 未办理")
    }

    @Test("a college-scoped item's statistics hold that college alone, then its classes")
    func collegeScopedItem() throws {
        let path = try Self.itemStatistics(Self.party, college: ReportsSample.cs)
        let grid = try #require(try Probe.sheets(path)["办理统计"])
        #expect(!grid.joined().contains("外国语学院"))
        #expect(
            try Probe.row(path, sheet: "办理统计", first: "计算机科学与技术学院") == [
                "计算机科学与技术学院", "3", "0", "1", "2", "1",
            ])
        #expect(
            try Probe.rows(path, sheet: "办理统计", below: "班级") == [
                ["软工2301", "2", "0", "1", "1", "1"], ["软工2302", "1", "0", "0", "1", "1"],
            ])
    }

    @Test("the leaders' workbook counts every item and every college")
    func leadersItemsAndColleges() throws {
        let path = try Self.leaders()
        #expect(
            try Probe.rows(path, sheet: "事项统计", below: "办理项") == [
                ["图书馆", "5", "2", "0", "3", "0.6"],
                ["学生公寓管理中心", "3", "0", "0", "3", "1"],
                ["研究生院", "2", "1", "0", "1", "0.5"],
                ["学院党委", "5", "1", "1", "3", "0.8"],
                ["导师签字", "2", "2", "0", "0", "0"],
            ])
        #expect(
            try Probe.rows(path, sheet: "学院统计", below: "学院") == [
                ["计算机科学与技术学院", "3", "2", "1", "1", "0", PlainNumber.format(1.0 / 3)],
                ["外国语学院", "2", "0", "0", "2", "0", "0"],
                ["全校", "5", "2", "1", "3", "0", "0.2"],
            ])
        #expect(
            try Probe.rows(path, sheet: "完成率矩阵", below: "学院") == [
                ["计算机科学与技术学院", PlainNumber.format(2.0 / 3), "1", "", "1"],
                ["外国语学院", "0.5", "1", "0.5", "0.5", "0"],
                ["全校", "0.6", "1", "0.5", "0.8", "0"],
            ])
    }

    @Test("the leaders' workbook shows clearances per day, gaps included, and days to clear")
    func leadersProgress() throws {
        let path = try Self.leaders()
        let grid = try #require(try Probe.sheets(path)["每日办理进度"])
        #expect(grid.contains(["日期", "图书馆", "学生公寓管理中心", "研究生院", "学院党委", "导师签字", "合计", "累计"]))
        #expect(
            try Probe.rows(path, sheet: "每日办理进度", below: "日期") == [
                ["2027-06-01", "1", "0", "0", "0", "0", "1", "1"],
                ["2027-06-02", "0", "0", "0", "0", "0", "0", "1"],
                ["2027-06-03", "1", "1", "0", "0", "0", "2", "3"],
                ["2027-06-04", "1", "0", "0", "0", "0", "1", "4"],
            ])
        #expect(
            try Probe.rows(path, sheet: "办理时长", below: "办理项") == [
                ["图书馆", "3", "2", "1.7"],
                ["学生公寓管理中心", "1", "2", "2"],
                ["研究生院", "0"], ["学院党委", "0"], ["导师签字", "0"],
            ])
        let report = try Probe.openpyxl(path)
        #expect(report.chartCount == 5)
        for sheet in report.sheets {
            #expect(sheet.print.paperSize == "9", "\(sheet.name)")
            #expect(sheet.print.orientation == "landscape", "\(sheet.name)")
            #expect(
                (sheet.print.fitToWidth ?? 1) == 1 && sheet.print.fitToHeight == 0 && sheet.print.fitToPage,
                "\(sheet.name)")
        }
    }

    @Test("the apartment overview counts residents per building in natural order, and pending names per room")
    func apartmentOverview() throws {
        var context = ReportsSample.context
        context.state.apply(
            .statusSet(
                "2024210305", "apartment", old: ItemState(status: .done),
                new: ItemState(status: .pending, remark: "钥匙未还")))
        let path = try Self.apartment(context)
        #expect(
            try Probe.rows(path, sheet: "楼栋统计", below: "公寓楼") == [
                ["2号楼", "1", "1", "0", "1"], ["10号楼", "1", "1", "0", "1"], ["研3号楼", "1", "0", "1", "0"],
                ["合计", "3", "2", "1", PlainNumber.format(2.0 / 3)],
            ])
        #expect(
            try Probe.rows(path, sheet: "房间明细", below: "公寓楼") == [
                ["2号楼", "101", "1", "0"], ["10号楼", "305", "1", "0"], ["研3号楼", "112", "1", "1", "李娜（2024210305）"],
            ])
        let report = try Probe.openpyxl(path)
        #expect(report.chartCount == 1)
        #expect(report[sheet: "房间明细"]?.cells["B5"]?.type == "s")
        #expect(report[sheet: "房间明细"]?.cells["B5"]?.format == "@")
    }

    @Test("without an apartment item the overview counts residents only")
    func apartmentOverviewWithoutItem() throws {
        var context = ReportsSample.context
        context.university.items.removeAll { $0.role == .apartment }
        let path = try Self.apartment(context)
        #expect(
            try Probe.rows(path, sheet: "楼栋统计", below: "公寓楼") == [
                ["2号楼", "1"], ["10号楼", "1"], ["研3号楼", "1"], ["合计", "3"],
            ])
        #expect(try Probe.rows(path, sheet: "房间明细", below: "公寓楼").count == 3)
    }

    @Test("buildings and rooms sort the way people read them")
    func naturalOrder() {
        let buildings = ["10号楼", "2号楼", "研3号楼", "1号楼", "研10号楼", "研2号楼"]
        #expect(buildings.sorted(by: NaturalOrder.precedes) == ["1号楼", "2号楼", "10号楼", "研2号楼", "研3号楼", "研10号楼"])
        #expect(["1001", "101", "99"].sorted(by: NaturalOrder.precedes) == ["99", "101", "1001"])
    }
}
