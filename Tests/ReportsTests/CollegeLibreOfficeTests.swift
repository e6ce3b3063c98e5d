import Clearance
import Foundation
import Testing

@testable import Reports

@Suite("LibreOffice opens the college, statistics and notice workbooks")
struct CollegeLibreOfficeTests {
    @Test("LibreOffice converts every kind of output headless without error, and the values survive")
    func everyKindConverts() throws {
        let folder = ReportsSample.temporaryFolder("lo")
        let context = ReportsSample.context
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let college = path("college.xlsx")
        let item = path("item.xlsx")
        let leaders = path("leaders.xlsx")
        let apartment = path("apartment.xlsx")
        let notice = path("notice.xlsx")
        try CollegeWorkbook.write(context, college: ReportsSample.cs, to: college)
        try ItemStatistics.write(context, item: ReportsSample.university.items[0], college: nil, to: item)
        try LeadersWorkbook.write(context, progress: StatisticsTests.progress, to: leaders)
        try ApartmentOverview.write(context, to: apartment)
        try DepartureNotice.write(context, person: "0123456", to: notice)

        let output = folder.appendingPathComponent("csv")
        let csv = try Probe.libreOfficeCSV([college, item, leaders, apartment, notice], into: output)
        func text(_ name: String) throws -> String {
            try #require(csv[name], "no \(name) among \(csv.keys.sorted())")
        }
        #expect(try text("college-可发证.csv").contains("2023110102,王芳,软件工程,软工2301,本科"))
        // 01:30 UTC in the context's zone (Beijing time), whatever zone the tests run in.
        #expect(try text("college-已发证.csv").contains("2023110101,张伟,软件工程,软工2301,本科,2027-06-01 09:30,"))
        #expect(
            try text("college-未完成.csv").contains("0123456,\"=HYPERLINK(\"\"x\"\")\",软工2302,未发证,图书馆（欠书 2 本）,1,软件工程,本科"))
        #expect(try text("college-两证发放统计.csv").contains("离校人数,3,100.0%"))
        #expect(try text("item-办理统计.csv").contains("合计,5,2,0,3,60.0%"))
        #expect(try text("leaders-学院统计.csv").contains("全校,5,2,1,3,0,20.0%"))
        #expect(try text("leaders-每日办理进度.csv").contains("2027-06-03,1,1,0,0,0,2,3"))
        #expect(try text("leaders-办理时长.csv").contains("图书馆,3,2.0,1.7"))
        #expect(try text("apartment-楼栋统计.csv").contains("10号楼,1,1,0,100.0%"))
        #expect(try text("apartment-房间明细.csv").contains("研3号楼,112,1,0"))
        let noticeText = try text("notice-离校通知单.csv")
        #expect(noticeText.contains("图书馆,1 未办理,欠书 2 本,图书馆一楼总服务台"))
        #expect(noticeText.contains("学工号,0123456,姓名,\"=HYPERLINK(\"\"x\"\")\""))
    }
}
