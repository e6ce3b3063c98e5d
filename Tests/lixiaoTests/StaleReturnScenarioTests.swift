import Foundation
import Testing

/// Stale copies of an export: the origin's ledger position is the baseline of every row of the file (DESIGN.md
/// §3), range rows and hand-added rows included, and an origin only this installation can sign.
@Suite("Stale returns through the shared folder", .serialized)
struct StaleReturnScenarioTests {
    static let summer = ReturnsScenarioTests.summer
    static let library = "departments/图书馆"
    static let receipts = "outbox/departments/图书馆/回执/"

    /// A copy of the library's current export, as a colleague downloads it, taken now.
    static func download(_ season: Season) throws -> String {
        let current = try season.outboxFile("\(library)/\(summer)", prefix: "数据导出")
        let copy = season.path("downloaded-\(UUID().uuidString.prefix(8)).xlsx")
        try FileManager.default.copyItem(atPath: current, toPath: copy)
        return copy
    }

    @Test("a range row in a stale copy does not undo a change made after the export; the others in range are set")
    func staleRangeRow() throws {
        let season = try Season.started()
        let export = try Self.download(season)
        try season.handMade(into: Self.library, as: "还书.xlsx", ["学工号,办理状态,办理备注", "2023110101,3,已还书"])
        #expect(season.run().status == 0)
        try season.edit(export, into: Self.library, as: "旧副本.xlsx", ["2023110101-2023110102", "办理状态=2 无需办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)  // not reverted by the range row
        #expect(try season.item("2023110101", "图书馆")["remark"] as? String == "已还书")
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2)  // unchanged since export: set
        let receipt = Self.receipts + "旧副本.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(receipt)["冲突（未应用）"] == "1")
        #expect(try season.receiptSummary(receipt)["已应用"] == "1")
        let conflict = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(conflict?[3] == "冲突")
        #expect(conflict?[4].contains("3 已办理") == true)
    }

    @Test("a hand-added row for someone not in the export is a conflict when their cell changed after the export")
    func staleAddedRowConflict() throws {
        let season = try Season.started()
        let export = try Self.download(season)
        // 孙强 joins the batch after the export, and the library clears him from another file.
        try season.handMade(into: "applications", as: "申请.xlsx", ["学号,姓名,离校批次", "2024110001,孙强,\(Self.summer)"])
        #expect(season.run().status == 0)
        try season.handMade(into: Self.library, as: "还书.xlsx", ["学工号,办理状态,办理备注", "2024110001,3,已还书"])
        #expect(season.run().status == 0)
        try season.edit(export, into: Self.library, as: "旧副本.xlsx", ["2024110001", "办理状态=2 无需办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2024110001", "图书馆")["status"] as? Int == 3)
        #expect(try season.item("2024110001", "图书馆")["remark"] as? String == "已还书")
        let receipt = Self.receipts + "旧副本.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(receipt)["冲突（未应用）"] == "1")
        let conflict = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2024110001" }
        #expect(conflict?[3] == "冲突")
    }

    @Test("range and hand-added rows of a stale copy apply to people whose cells did not change since the export")
    func staleRowsUntouchedApply() throws {
        let season = try Season.started()
        let export = try Self.download(season)
        try season.handMade(into: "applications", as: "申请.xlsx", ["学号,姓名,离校批次", "2024110001,孙强,\(Self.summer)"])
        // Another item changes meanwhile; the library's cells do not.
        try season.handMade(into: "departments/财务处", as: "缴费.xlsx", ["学工号,办理状态", "2023110101,3"])
        #expect(season.run().status == 0)
        try season.edit(
            export, into: Self.library, as: "旧副本.xlsx",
            ["2024110001", "办理状态=3 已办理", "办理备注=补录", "2023110101-2023110102", "办理状态=2 无需办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2024110001", "图书馆")["status"] as? Int == 3)
        #expect(try season.item("2024110001", "图书馆")["remark"] as? String == "补录")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 2)
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2)
        let summary = try season.receiptSummary(Self.receipts + "旧副本.xlsx.回执.xlsx")
        #expect(summary["已应用"] == "3")
        #expect(summary["冲突（未应用）"] == "0")
    }

    @Test("an origin re-signed with an unkeyed digest is refused whole, and reverts nothing")
    func forgedOrigin() throws {
        let season = try Season.started()
        let export = try Self.download(season)
        try season.handMade(into: Self.library, as: "还书.xlsx", ["学工号,办理状态,办理备注", "2023110101,3,已还书"])
        #expect(season.run().status == 0)
        // The forger makes the origin claim 3 at export, so that setting 1 would look like their own change.
        let target = season.path("inbox/\(Self.library)/伪造.xlsx")
        try Self.forge(export, target, ["2023110101", "3", "1 未办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        let summary = try season.receiptSummary(Self.receipts + "伪造.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("校验值不符") == true, "\(summary)")
    }

    @Test("after the installation's secret is lost, older exports are refused as unverifiable; fresh ones work")
    func lostSecret() throws {
        let season = try Season.started()
        let export = try Self.download(season)
        try FileManager.default.removeItem(atPath: season.path("ledger/secret.key"))
        try season.edit(export, into: Self.library, as: "旧导出.xlsx", ["2023110101", "办理状态=3 已办理"])
        let run = season.run()
        #expect(run.status == 0)
        #expect(run.standardError.contains("secret.key was missing"), "\(run.standardError)")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        let summary = try season.receiptSummary(Self.receipts + "旧导出.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("无法核实") == true, "\(summary)")
        // The outbox export was signed again with the new secret: returning it works.
        let fresh = try season.outboxFile("\(Self.library)/\(Self.summer)", prefix: "数据导出")
        try season.edit(fresh, into: Self.library, as: "新导出.xlsx", ["2023110101", "办理状态=3 已办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
    }

    /// Runs `forge_origin.py` (the origin edited and its code recomputed without the key).
    static func forge(_ source: String, _ target: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Season.scripts.appendingPathComponent("forge_origin.py").path, source, target] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SeasonError("forge_origin.py failed") }
    }
}
