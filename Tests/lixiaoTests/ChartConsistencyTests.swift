import Foundation
import Sheets
import Testing

/// Every chart a role receives is labelled by its own column and labels every category: a demo season's outbox,
/// every workbook kind, every chart and series resolved to the cells it plots; and a season's first day, where
/// the progress charts have one day or nothing to show.
@Suite("Charts are labelled by their own columns", .serialized)
struct ChartConsistencyTests {
    /// What `Scripts/chart_refs.py` makes of every workbook under `folder`.
    static func chartReport(_ folder: URL) throws -> [String: Any] {
        let script = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Scripts/chart_refs.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore", script, folder.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    @Test("every chart series in a demo season's outbox is named by its column's header; every category is labelled")
    func everySeriesMatchesItsHeader() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-charts-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let demo = Lixiao.run(["demo", "--root", root.path, "--people", "300"])
        #expect(demo.status == 0, "\(demo.standardError)")
        let report = try Self.chartReport(root.appendingPathComponent("outbox"))
        let problems = report["problems"] as? [String] ?? ["no report"]
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The leaders' workbooks, the college workbooks, the item statistics and the apartment overview all
        // carry charts; a demo season has dozens.
        #expect((report["charts"] as? Int ?? 0) > 50)
        #expect((report["series"] as? Int ?? 0) > 100)
        // Groups are horizontal bars; only the days run across (columns and the running total's line).
        let kinds = report["kinds"] as? [String: Int] ?? [:]
        #expect(Set(kinds.keys).isSubset(of: ["barChart bar", "barChart col", "lineChart", "pieChart"]), "\(kinds)")
        #expect(kinds["barChart col"] == kinds["lineChart"], "one daily column chart beside each running total")
    }

    @Test("on a season's first day the leaders' progress sheets say 暂无数据, then show the first day's column")
    func firstDay() throws {
        let season = try Season.started()
        let leaders = try season.outboxFile("admin/\(ReturnsScenarioTests.summer)", prefix: "离校办理统计")
        func texts(_ sheet: String) throws -> [String] {
            let reader = try SpreadsheetReader(path: leaders)
            guard let index = reader.sheets.firstIndex(where: { $0.name == sheet }) else { return [] }
            return try reader.rows(inSheet: index).flatMap { $0.cells.map(\.text) }
        }
        #expect(try texts("每日办理进度").contains { $0.hasPrefix("暂无数据") })
        #expect(try texts("办理时长").contains { $0.hasPrefix("暂无数据") })
        var report = try Self.chartReport(season.root.appendingPathComponent("outbox/admin"))
        #expect((report["problems"] as? [String])?.isEmpty == true)
        #expect(report["kinds"] as? [String: Int] == ["barChart bar": 4], "事项统计 and 学院统计 of both batches")

        let export = try season.outboxFile("departments/图书馆/\(ReturnsScenarioTests.summer)", prefix: "数据导出")
        try season.edit(
            export, into: "departments/图书馆", as: "图书馆回传.xlsx",
            ["2023110101", "办理状态=3", "2023110102", "办理状态=3"])
        #expect(season.run().status == 0)
        report = try Self.chartReport(season.root.appendingPathComponent("outbox/admin"))
        #expect((report["problems"] as? [String])?.isEmpty == true)
        let kinds = report["kinds"] as? [String: Int] ?? [:]
        #expect(kinds["barChart col"] == 1 && kinds["lineChart"] == 1, "one day: a column and a dot, \(kinds)")
        // Cleared the day they were added: no plot of zero days.
        #expect(try texts("办理时长").contains { $0.hasPrefix("暂无图表") })
    }
}
