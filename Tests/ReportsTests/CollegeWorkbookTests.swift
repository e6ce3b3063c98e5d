import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

@Suite("College workbook (两证发放)")
struct CollegeWorkbookTests {
    static func workbook(_ college: College, context: OutputContext = ReportsSample.context) throws -> String {
        try Probe.output(CollegeWorkbook.fileName(college: college, batch: ReportsSample.summer)) { path in
            try CollegeWorkbook.write(context, college: college, to: path)
        }
    }

    /// The sample with 张伟's library item set back to 1 after his certificates were issued.
    static var heldContext: OutputContext {
        var context = ReportsSample.context
        context.state.apply(
            .statusSet(
                "2023110101", "library", old: ItemState(status: .done),
                new: ItemState(status: .pending, remark: "图书丢失")))
        return context
    }

    @Test("the file name names the college and the batch")
    func fileName() {
        #expect(
            CollegeWorkbook.fileName(college: ReportsSample.cs, batch: ReportsSample.summer)
                == "两证发放-计算机科学与技术学院-2027届夏季毕业.xlsx")
    }

    @Test("可发证 lists exactly the eligible people not yet issued, and says where to return it")
    func issuableList() throws {
        let path = try Self.workbook(ReportsSample.cs)
        let sheets = try Probe.sheets(path)
        #expect(Array(sheets.keys).sorted() == ["_lixiao_origin", "两证发放统计", "可发证", "已发证", "未完成"].sorted())
        let origin = try #require(try Origin.read(from: SpreadsheetReader(path: path), signer: .sample))
        #expect(origin.kind == .issuance)
        #expect(origin.college == ReportsSample.cs.id)
        #expect(origin.rows.keys.map(\.rawValue) == ["2023110102"])
        let grid = try #require(sheets["可发证"])
        #expect(grid.contains(["学工号", "姓名", "专业", "班级", "培养层次", "确认发证"]))
        #expect(grid.joined().contains { $0.contains("inbox/colleges/计算机科学与技术学院/issuance/") })
        let rows = try Probe.rows(path, sheet: "可发证", below: "学工号")
        #expect(rows == [["2023110102", "王芳", "软件工程", "软工2301", "本科"]])
    }

    @Test("已发证 lists the issued with the issue time in the context's zone")
    func issuedList() throws {
        let path = try Self.workbook(ReportsSample.cs)
        let rows = try Probe.rows(path, sheet: "已发证", below: "学工号")
        #expect(rows.count == 1)
        #expect(
            rows.first?.prefix(7) == [
                "2023110101", "张伟", "软件工程", "软工2301", "本科", "2027-06-01 09:30:00",
                "colleges/计算机科学与技术学院/issuance",
            ])
    }

    @Test(
        "已发证 shows issue times in the context's zone: Beijing time in a Chinese deployment, a half-hour zone's own",
        arguments: [("Asia/Shanghai", "2027-06-01 09:30:00"), ("Asia/Kolkata", "2027-06-01 07:00:00")])
    func issuedInContextZone(zone: String, expected: String) throws {
        var context = ReportsSample.context
        context.zone = try #require(TimeZone(identifier: zone))
        let path = try Probe.output("issued-\(zone.replacing("/", with: "-")).xlsx") { path in
            try CollegeWorkbook.write(context, college: ReportsSample.cs, to: path)
        }
        #expect(try Probe.row(path, sheet: "已发证", first: "2023110101")?[5] == expected)
    }

    @Test("issue times convert from UTC to the given zone, to the minute")
    func issueTimeZones() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(IssueTime(zone: shanghai).text("2027-06-01T01:30:00.000+00:00") == "2027-06-01 09:30")
        #expect(IssueTime(zone: utc).text("2027-06-01T01:30:00+00:00") == "2027-06-01 01:30")
        #expect(IssueTime(zone: shanghai).text("2027-06-30T20:15:59.999+00:00") == "2027-07-01 04:15")
        #expect(IssueTime(zone: shanghai).text("not a time") == "not a time")
    }

    @Test("未完成 names each blocking item with its remark, and every item's status")
    func blockedListComputerScience() throws {
        let path = try Self.workbook(ReportsSample.cs)
        let grid = try #require(try Probe.sheets(path)["未完成"])
        #expect(
            grid.contains(
                [
                    "学工号", "姓名", "班级", "发证情况", "未完成事项", "未完成数", "专业", "培养层次", "图书馆", "学生公寓管理中心",
                    "学院党委",
                ]))
        let rows = try Probe.rows(path, sheet: "未完成", below: "学工号")
        #expect(
            rows == [
                [
                    "0123456", "=HYPERLINK(\"x\")", "软工2302", "未发证", "图书馆（欠书 2 本）", "1", "软件工程", "本科",
                    "1 未办理", "3 已办理", "3 已办理",
                ]
            ])
    }

    @Test("未完成 lists the advisor's signature and every item of someone untouched")
    func blockedListForeignLanguages() throws {
        let path = try Self.workbook(ReportsSample.fl)
        let li = try #require(try Probe.row(path, sheet: "未完成", first: "2024210305"))
        let zhao = try #require(try Probe.row(path, sheet: "未完成", first: "2024210306"))
        #expect(li[1] == "李娜")
        #expect(li[4] == "导师签字")
        #expect(zhao[4] == "图书馆；研究生院；学院党委；导师签字")
        #expect(zhao[5] == "4")
        // 图书馆, 学生公寓管理中心 (she lives off campus), 研究生院, 学院党委, 导师签字
        #expect(Array(zhao[8...]) == ["1 未办理", "—", "1 未办理", "1 未办理", "1 未办理"])
    }

    @Test("a college's workbook holds only its own people")
    func onlyOwnPeople() throws {
        let own: [College: [String]] = [
            ReportsSample.cs: ["2023110101", "2023110102", "0123456"],
            ReportsSample.fl: ["2024210305", "2024210306"],
        ]
        for (college, ids) in own {
            let texts = try Probe.sheets(try Self.workbook(college)).values.joined().joined()
            let everyone = ReportsSample.people.map(\.id.rawValue)
            for id in everyone {
                #expect(texts.contains(id) == ids.contains(id), "\(id) in \(college.name)")
            }
        }
    }

    @Test("a post-issuance hold is flagged on 未完成, 已发证 and in the figures")
    func postIssuanceHold() throws {
        let path = try Self.workbook(ReportsSample.cs, context: Self.heldContext)
        let blocked = try Probe.rows(path, sheet: "未完成", below: "学工号")
        #expect(
            blocked.first?.prefix(5) == ["2023110101", "张伟", "软工2301", "已发证·发证后暂扣", "图书馆（图书丢失）"])
        #expect(blocked.count == 2)
        let grid = try #require(try Probe.sheets(path)["未完成"])
        #expect(grid.joined().contains { $0.contains("其中 1 人已发证") })
        let issued = try #require(try Probe.row(path, sheet: "已发证", first: "2023110101"))
        #expect(issued.last == "发证后有事项改回未办理：图书馆（图书丢失）")
        let held = try #require(try Probe.row(path, sheet: "两证发放统计", first: "其中发证后暂扣"))
        #expect(held.prefix(2) == ["其中发证后暂扣", "1"])
        #expect(try Probe.rows(path, sheet: "可发证", below: "学工号").map { $0[0] } == ["2023110102"])
    }

    @Test("两证发放统计 counts the college, each class and each blocking item")
    func statistics() throws {
        let path = try Self.workbook(ReportsSample.cs)
        func figure(_ label: String) throws -> [String]? {
            try Probe.row(path, sheet: "两证发放统计", first: label).map { Array($0.prefix(3)) }
        }
        #expect(try figure("离校人数") == ["离校人数", "3", "1"])
        #expect(try figure("已发证") == ["已发证", "1", PlainNumber.format(1.0 / 3)])
        #expect(try figure("待发证（已满足条件）")?[1] == "1")
        #expect(try figure("未完成（未发证）")?[1] == "1")
        #expect(try figure("已满足发证条件")?[1] == "2")
        #expect(try figure("其中发证后暂扣")?[1] == "0")
        #expect(try Probe.row(path, sheet: "两证发放统计", first: "软工2301") == ["软工2301", "2", "1", "1", "0", "0", "0.5"])
        #expect(try Probe.row(path, sheet: "两证发放统计", first: "软工2302") == ["软工2302", "1", "0", "0", "1", "0", "0"])
        #expect(try Probe.row(path, sheet: "两证发放统计", first: "图书馆") == ["图书馆", "1"])
    }

    @Test("a college without departing people still gets a workbook")
    func emptyCollege() throws {
        let law = College(id: "law", name: "法学院")
        let path = try Self.workbook(law)
        #expect(try Probe.rows(path, sheet: "可发证", below: "学工号").isEmpty)
        #expect(try Probe.row(path, sheet: "两证发放统计", first: "离校人数")?.prefix(2) == ["离校人数", "0"])
    }

    @Test("openpyxl sees the 确认发证 drop-down as the only unlocked cells, frozen headers, text IDs and charts")
    func openpyxlView() throws {
        let report = try Probe.openpyxl(try Self.workbook(ReportsSample.cs))
        let issuable = try #require(report[sheet: "可发证"])
        #expect(issuable.protected)
        #expect(issuable.freezePanes == "A6")
        #expect(issuable.autoFilter == "A5:F6")
        #expect(issuable.validations.count == 1)
        #expect(issuable.validations.first?.type == "list")
        #expect(issuable.validations.first?.sqref == "F6")
        #expect(issuable.validations.first?.formula1 == "\"是,否\"")
        #expect(issuable.unlockedCells == ["F6"])
        #expect(issuable.cells["A6"]?.value == "2023110102")
        #expect(issuable.cells["A6"]?.type == "s")
        #expect(issuable.cells["A6"]?.format == "@")
        #expect(issuable.print.paperSize == "9")
        let issued = try #require(report[sheet: "已发证"])
        #expect(issued.cells["F4"]?.type == "d")
        #expect(issued.cells["F4"]?.format == "yyyy-mm-dd hh:mm")
        let blocked = try #require(report[sheet: "未完成"])
        #expect(blocked.cells["A4"]?.value == "0123456")
        #expect(blocked.cells["A4"]?.format == "@")
        #expect(blocked.cells["B4"]?.type == "s")
        #expect(report.chartCount == 3)
    }
}
