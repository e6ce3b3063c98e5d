import Foundation
import Testing

/// Every chart a role receives is labelled by its own column: a demo season's outbox, every workbook kind, every
/// chart and series resolved to the cells it plots.
@Suite("Charts are labelled by their own columns", .serialized)
struct ChartConsistencyTests {
    @Test("every series of every chart in a demo season's outbox is named by the header of the column it plots")
    func everySeriesMatchesItsHeader() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-charts-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let demo = Lixiao.run(["demo", "--root", root.path, "--people", "300"])
        #expect(demo.status == 0, "\(demo.standardError)")
        let script = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Scripts/chart_refs.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore", script, root.appendingPathComponent("outbox").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let problems = report["problems"] as? [String] ?? ["no report"]
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // The leaders' workbooks, the college workbooks, the item statistics and the apartment overview all
        // carry charts; a demo season has dozens.
        #expect((report["charts"] as? Int ?? 0) > 50)
        #expect((report["series"] as? Int ?? 0) > 100)
    }
}
