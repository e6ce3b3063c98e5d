import Clearance
import Foundation
import Sheets
import Testing

@testable import Reports

/// The statistics charts as the zip holds them: which kind each is, whether every category keeps its label, and
/// what stands in place of a chart that would have nothing to show.
@Suite("Statistics charts read on the first day and on the sixtieth")
struct StatisticsChartTests {
    typealias Leaders = StatisticsText.Leaders

    /// `days` days of clearances from 2027-05-01: everyone added on the first day, `perDay(day)` clearances on
    /// each (cycling through the items), so a clearance on day `n` took `n` days.
    static func season(days: Int, perDay: (Int) -> Int) -> ClearanceProgress {
        var progress = ClearanceProgress()
        let items = ReportsSample.university.items.map(\.id)
        let dates = Array(
            LeadersWorkbook.calendarDays([Day(year: 2027, month: 5, day: 1), Day(year: 2027, month: 8, day: 31)])
                .prefix(days))
        var serial = 0
        for (index, date) in dates.enumerated() {
            for _ in 0..<perDay(index) {
                serial += 1
                let person = Person(
                    id: PersonID(rawValue: "P\(serial)"), name: "某\(serial)", college: ReportsSample.cs.name,
                    level: "本科", batch: ReportsSample.summer.id)
                progress.record(.added(person), on: dates[0])
                progress.record(
                    .statusSet(person.id, items[serial % items.count], old: .initial, new: ItemState(status: .done)),
                    on: date)
            }
        }
        return progress
    }

    static func charts(_ path: String) throws -> [String: [ProbeReport.Chart]] {
        try Probe.openpyxl(path).charts
    }

    /// Every text cell of a sheet.
    static func texts(_ path: String, sheet: String) throws -> [String] {
        (try Probe.sheets(path)[sheet] ?? []).joined().filter { !$0.isEmpty }
    }

    @Test("groups are horizontal bars in the table's order, every name labelled, coloured by what they count")
    func leadersGroupCharts() throws {
        let charts = try Self.charts(try StatisticsTests.leaders())
        let items = try #require(charts["事项统计"]?.first)
        #expect(items.kind == "barChart" && items.barDir == "bar" && items.grouping == "stacked")
        #expect(items.categoryCount == 5 && items.labelEvery == 1 && items.labelAngle == 0 && items.topDown)
        #expect(items.series == ["1 未办理", "2 无需办理", "3 已办理"])
        #expect(items.colors == ["C0504D", "A5A5A5", "70AD47"], "red to do, grey not required, green done")
        #expect(items.legend == "b")
        let colleges = try #require(charts["学院统计"]?.first)
        #expect(colleges.barDir == "bar" && colleges.topDown && colleges.labelEvery == 1 && colleges.labelAngle == 0)
        #expect(colleges.series == ["已满足发证条件", "已发证", "未满足发证条件"])
        #expect(colleges.grouping == "clustered" && colleges.gapWidth == 60, "overlapping figures side by side")
        #expect(items.gapWidth == nil)
        let duration = try #require(charts["办理时长"]?.first)
        #expect(duration.barDir == "bar" && duration.topDown && duration.series == ["中位数（天）", "平均（天）"])
    }

    @Test("each day's clearances are columns and the running total one line with a marker on every day")
    func dailyCharts() throws {
        let daily = try #require(try Self.charts(try StatisticsTests.leaders())["每日办理进度"])
        #expect(daily.map(\.kind) == ["barChart", "lineChart"])
        #expect(daily.map(\.barDir) == ["col", nil])
        #expect(daily.map(\.series) == [[StatisticsText.total], [Leaders.cumulative]], "the items stay in the table")
        #expect(daily.map(\.title) == [Leaders.dailyChart, Leaders.cumulativeChart])
        #expect(daily[1].markers == ["circle"])
        for chart in daily {
            #expect(chart.categoryCount == 4 && chart.labelEvery == 1 && chart.labelAngle == -90)
            #expect(chart.valueLabels && chart.legend == nil, "few days: values written on; one series: no legend")
        }
    }

    @Test("on the first day one column and one dot show the day's clearances; 办理时长 says why it has no chart yet")
    func firstDay() throws {
        let path = try StatisticsTests.leaders(Self.season(days: 1) { _ in 40 })
        let charts = try Self.charts(path)
        #expect(charts["每日办理进度"]?.map(\.categoryCount) == [1, 1])
        #expect(charts["每日办理进度"]?[1].markers == ["circle"])
        #expect(charts["办理时长"]?.isEmpty == true, "all clearances took 0 days: no plot of zeros")
        #expect(try Self.texts(path, sheet: "办理时长").contains(Leaders.sameDayOnly))
    }

    @Test("before any clearance both progress sheets say 暂无数据 instead of drawing an empty plot")
    func noClearanceYet() throws {
        let path = try StatisticsTests.leaders(ClearanceProgress())
        let report = try Probe.openpyxl(path)
        #expect(report.charts["每日办理进度"]?.isEmpty == true)
        #expect(report.charts["办理时长"]?.isEmpty == true)
        #expect(report.chartCount == 2, "事项统计 and 学院统计 still show everyone 未办理")
        #expect(try Probe.rows(path, sheet: "每日办理进度", below: "日期") == [[Leaders.noProgress]])
        #expect(try Self.texts(path, sheet: "办理时长").contains(Leaders.noDuration))
        #expect(Leaders.noProgress.hasPrefix("暂无数据") && Leaders.noDuration.hasPrefix("暂无数据"))
    }

    @Test("sixty days on the daily charts widen to keep every date labelled, and drop the crowded value labels")
    func sixtiethDay() throws {
        let early = try #require(try Self.charts(try StatisticsTests.leaders())["每日办理进度"])
        let path = try StatisticsTests.leaders(Self.season(days: 60) { day in 5 + (day * 7) % 23 })
        let daily = try #require(try Self.charts(path)["每日办理进度"])
        for (chart, first) in zip(daily, early) {
            #expect(chart.categoryCount == 60 && chart.labelEvery == 1 && chart.labelAngle == -90)
            #expect(!chart.valueLabels)
            let width = chart.anchor.lastColumn - chart.anchor.firstColumn
            #expect(width > first.anchor.lastColumn - first.anchor.firstColumn, "\(width) columns wide")
        }
        let duration = try #require(try Self.charts(path)["办理时长"]?.first)
        #expect(duration.categoryCount == ReportsSample.university.items.count)
    }

    @Test("an item's statistics draw a stacked bar per college, or per class for a college's own folder")
    func itemStatisticsChart() throws {
        for (item, college, groups) in [
            (StatisticsTests.library, nil, 2), (StatisticsTests.party, ReportsSample.cs, 2),
        ] as [(Item, College?, Int)] {
            let path = try StatisticsTests.itemStatistics(item, college: college)
            let chart = try #require(try Self.charts(path)["办理统计"]?.first)
            #expect(chart.barDir == "bar" && chart.grouping == "stacked" && chart.topDown)
            #expect(chart.categoryCount == groups && chart.labelEvery == 1 && chart.labelAngle == 0)
        }
    }

    @Test("the apartment overview draws a bar per building, as tall as the buildings need, green done and red to do")
    func apartmentChart() throws {
        let chart = try #require(try Self.charts(try StatisticsTests.apartment(ReportsSample.context))["楼栋统计"]?.first)
        #expect(chart.barDir == "bar" && chart.grouping == "stacked" && chart.topDown)
        #expect(chart.categoryCount == 3 && chart.labelEvery == 1 && chart.labelAngle == 0)
        #expect(chart.series == ["已办理", "未办理"] && chart.colors == ["70AD47", "C0504D"])
    }

    @Test("两证发放统计 draws the pie in the bars' colours, a bar per class, and the blocking items under the classes")
    func collegeCharts() throws {
        let charts = try #require(try Self.charts(try CollegeWorkbookTests.workbook(ReportsSample.cs))["两证发放统计"])
        #expect(charts.map(\.kind) == ["pieChart", "barChart", "barChart"])
        #expect(charts[0].pointColors == ["70AD47", "4472C4", "C0504D"], "issued green, waiting blue, blocked red")
        #expect(charts[1].colors == ["70AD47", "4472C4", "C0504D"] && charts[1].grouping == "stacked")
        #expect(charts[2].series == ["未办理人数"] && charts[2].valueLabels && charts[2].legend == nil)
        for chart in charts.dropFirst() {
            #expect(chart.barDir == "bar" && chart.topDown && chart.labelEvery == 1 && chart.labelAngle == 0)
        }
    }

    @Test("forty classes make the class chart tall, and the next block starts below it, not under it")
    func manyClasses() throws {
        var context = ReportsSample.context
        for index in 1...40 {
            context.state.apply(
                .added(
                    Person(
                        id: PersonID(rawValue: "20231199\(index)"), name: "学生\(index)", college: ReportsSample.cs.name,
                        className: "计算\(2300 + index)", level: "本科", batch: ReportsSample.summer.id)))
        }
        let path = try CollegeWorkbookTests.workbook(ReportsSample.cs, context: context)
        let charts = try #require(try Self.charts(path)["两证发放统计"])
        #expect(charts[1].categoryCount == 42)
        #expect(charts[1].anchor.lastRow - charts[1].anchor.firstRow >= 42, "a line per class")
        #expect(charts[2].anchor.firstRow > charts[1].anchor.lastRow)
        #expect(try Probe.row(path, sheet: "两证发放统计", first: "各事项未办理人数") != nil)
    }

    @Test("when no item blocks anyone the college says so instead of drawing an empty chart")
    func nothingBlocks() throws {
        var context = ReportsSample.context
        context.state.apply(
            .statusSet("0123456", "library", old: ItemState(status: .pending), new: ItemState(status: .done)))
        let path = try CollegeWorkbookTests.workbook(ReportsSample.cs, context: context)
        #expect(try Self.charts(path)["两证发放统计"]?.count == 2)
        #expect(try Probe.rows(path, sheet: "两证发放统计", below: "办理项") == [[CollegeText.Figures.noPendingItems]])
    }

    @Test("a chart over days widens by a column per day once the season outgrows its default width")
    func daysWidenWithTheSeason() throws {
        let series = ChartSeries(
            name: "", sheetName: "", categories: ColumnCells(column: 0, rows: 0...0),
            values: ColumnCells(column: 1, rows: 0...0))
        let first = ChartLayout.days(.column, title: "", series: series, count: 1, categoryTitle: "", valueTitle: "")
        let sixty = ChartLayout.days(.column, title: "", series: series, count: 60, categoryTitle: "", valueTitle: "")
        #expect(first.widthScale == 1.6)
        #expect(sixty.widthScale * ChartLayout.defaultWidth >= 60 * ChartLayout.dayColumn + ChartLayout.dayChrome)
        #expect(first.valueLabels && !sixty.valueLabels)
    }

    @Test("a bar chart grows a line per group, so thirty buildings are as readable as three")
    func barsGrowWithGroups() {
        let few = ChartLayout.bars(title: "", series: [], count: 3, categoryTitle: nil, valueTitle: nil)
        let many = ChartLayout.bars(title: "", series: [], count: 30, categoryTitle: nil, valueTitle: nil)
        #expect(few.heightScale == 1.2)
        #expect(many.heightScale * ChartLayout.defaultHeight >= 30 * ChartLayout.barLine + ChartLayout.barChrome)
        #expect(ChartLayout.rowsSpanned(by: many) > 30)
    }
}
