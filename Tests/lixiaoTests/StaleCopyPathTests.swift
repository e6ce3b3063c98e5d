import Foundation
import Testing

/// Two colleagues work on copies of one export and return them the ways staff really do — saved as CSV (UTF-8
/// and GBK), as an `.xls` without its hidden sheets, rows pasted into a new workbook with or without the title
/// rows, a sorted and filtered copy. The 导出编号 column carries each row's export, so in either order neither
/// undoes the other, and a real conflict names the file, folder and time that set the value (DESIGN.md §3).
@Suite("Stale copies returned as CSV, .xls and pasted rows")
struct StaleCopyPathTests {
    static let summer = ReturnsScenarioTests.summer
    static let library = "departments/图书馆"
    static let paths = ["csv-utf8", "csv-gbk", "xls-no-hidden", "pasted", "pasted-with-title", "filtered"]

    /// The file name a path is returned under.
    static func name(_ path: String, _ who: String) -> String {
        let suffix =
            switch path {
            case "csv-utf8", "csv-gbk": "csv"
            case "xls-no-hidden": "xls"
            default: "xlsx"
            }
        return "\(who)-\(path).\(suffix)"
    }

    @Test("a stale copy returned another way does not undo a colleague's change, in either order", arguments: paths)
    func noSilentRevert(path: String) throws {
        // Order 1: A's change lands first; B's stale copy (another person changed) comes after, through `path`.
        do {
            let season = try Season.started()
            let export = try StaleReturnScenarioTests.download(season)
            try season.edit(export, into: Self.library, as: "A.xlsx", ["2023110101", "办理状态=3 已办理", "办理备注=已还书"])
            #expect(season.run().status == 0)
            try season.returned(export, as: Self.name(path, "B"), path, ["2023110102", "办理状态=2 无需办理"])
            #expect(season.run().status == 0)
            #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3, "\(path): A's change undone")
            #expect(try season.item("2023110101", "图书馆")["remark"] as? String == "已还书")
            #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2, "\(path): B's change lost")
            let summary = try season.receiptSummary(season.receipt(Self.library, for: Self.name(path, "B")))
            #expect(summary["已应用"] == "1", "\(path): \(summary)")
            #expect(summary["冲突（未应用）"] == "0", "\(path): \(summary)")
            #expect(summary["覆盖他人设置的值（已应用）"] == nil, "\(path): \(summary)")
        }
        // Order 2: B's copy first, then A's: both land too.
        do {
            let season = try Season.started()
            let export = try StaleReturnScenarioTests.download(season)
            try season.returned(export, as: Self.name(path, "B"), path, ["2023110102", "办理状态=2 无需办理"])
            #expect(season.run().status == 0)
            try season.edit(export, into: Self.library, as: "A.xlsx", ["2023110101", "办理状态=3 已办理", "办理备注=已还书"])
            #expect(season.run().status == 0)
            #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
            #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2)
        }
    }

    @Test("a real conflict through a stale copy names the value, the file, the folder and the time", arguments: paths)
    func realConflictNamed(path: String) throws {
        let season = try Season.started()
        let export = try StaleReturnScenarioTests.download(season)
        try season.edit(export, into: Self.library, as: "A.xlsx", ["2023110101", "办理状态=3 已办理", "办理备注=已还书"])
        #expect(season.run().status == 0)
        try season.returned(export, as: Self.name(path, "B"), path, ["2023110101", "办理状态=2 无需办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        let receipt = try season.receipt(Self.library, for: Self.name(path, "B"))
        #expect(try season.receiptSummary(receipt)["冲突（未应用）"] == "1", "\(path)")
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(row?[3] == "冲突")
        let detail = row?[4] ?? ""
        #expect(detail.contains("「3 已办理」"), "\(detail)")
        #expect(detail.contains("inbox/departments/图书馆/ 的「A.xlsx」于 "), "\(detail)")
        // What to do is said once, with the fresh export's place.
        let notes = try season.receiptSummary(receipt)["说明"] ?? ""
        #expect(notes.contains("outbox/departments/图书馆/\(Self.summer)/数据导出-图书馆-"), "\(notes)")
    }

    @Test("a file with no export at all applies as written, and every value it overwrites is listed as 覆盖")
    func overwriteListed() throws {
        let season = try Season.started()
        try season.handMade(into: Self.library, as: "还书.xlsx", ["学工号,办理状态,办理备注", "2023110101,3,已还书"])
        #expect(season.run().status == 0)
        try season.handMade(
            into: Self.library, as: "旧名单.csv", ["学工号,办理状态,办理备注", "2023110101,1,", "2023110102,2,"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)  // as written: the file says so
        let receipt = try season.receipt(Self.library, for: "旧名单.csv")
        let summary = try season.receiptSummary(receipt)
        #expect(summary["覆盖他人设置的值（已应用）"] == "1", "\(summary)")
        #expect(summary["已应用"] == "1", "\(summary)")
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(row?[3] == "覆盖")
        #expect(row?[4].contains("原为「3 已办理，备注「已还书」」") == true, "\(row ?? [])")
        #expect(row?[4].contains("inbox/departments/图书馆/ 的「还书.xlsx」于 ") == true, "\(row ?? [])")
    }

    @Test("a CSV of one department's export dropped into another's folder is refused whole by its 导出编号")
    func codeScopeRefused() throws {
        let season = try Season.started()
        let export = try StaleReturnScenarioTests.download(season)
        try FileManager.default.createDirectory(
            atPath: season.path("inbox/departments/财务处"), withIntermediateDirectories: true)
        try season.convert(
            export, to: season.path("inbox/departments/财务处/图书馆.csv"), "csv-utf8",
            edits: ["2023110101", "办理状态=3 已办理"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "财务处")["status"] as? Int == 1)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        let summary = try season.receiptSummary(season.receipt("departments/财务处", for: "图书馆.csv"))
        #expect(summary["拒收原因"]?.contains("此表是「图书馆」的导出表") == true, "\(summary)")
    }

    @Test("a 导出编号 edited by hand in a CSV is a row error naming the column; the other rows apply")
    func editedCodeRefused() throws {
        let season = try Season.started()
        let export = try StaleReturnScenarioTests.download(season)
        let csv = season.path("edited.csv")
        try season.convert(export, to: csv, "csv-utf8", edits: ["2023110102", "办理状态=2 无需办理"])
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The forger claims an older position for 2023110101's row (so a later change looks absent).
        text = lines.map { line in
            guard line.hasPrefix("2023110101,") else { return line }
            return line.replacing("|library|||", with: "|library|||1").replacing(",1 未办理,", with: ",2 无需办理,")
        }.joined(separator: "\n")
        try FileManager.default.createDirectory(
            atPath: season.path("inbox/\(Self.library)"), withIntermediateDirectories: true)
        try text.write(toFile: season.path("inbox/\(Self.library)/改过编号.csv"), atomically: true, encoding: .utf8)
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2)
        let receipt = try season.receipt(Self.library, for: "改过编号.csv")
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(row?[3] == "错误")
        #expect(row?[4].hasPrefix("「导出编号」列：编号校验不通过") == true, "\(row ?? [])")
    }
}

extension Season {
    /// Edits a copy of `export` with openpyxl, turns it into `path`'s form (`save_as.py`) and drops it into the
    /// library's inbox folder as `name`.
    func returned(_ export: String, as name: String, _ path: String, _ edits: [String]) throws {
        let folder = "inbox/\(StaleCopyPathTests.library)"
        try FileManager.default.createDirectory(atPath: self.path(folder), withIntermediateDirectories: true)
        try convert(export, to: self.path("\(folder)/\(name)"), path, edits: edits)
    }

    /// Edits a copy of `export` and writes it to `target` in `kind`'s form.
    func convert(_ export: String, to target: String, _ kind: String, edits: [String]) throws {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("lixiao-copy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let edited = scratch.appendingPathComponent("图书馆.xlsx").path
        try editTo(export, edited, edits)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scripts.appendingPathComponent("save_as.py").path, edited, target, kind]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SeasonError("save_as.py \(kind) failed") }
    }

    /// The receipt written for the file dropped as `name` into `folder` (relative to `inbox/`), wherever under
    /// the folder's `回执/` it was filed; the newest when there are several.
    func receipt(_ folder: String, for name: String) throws -> String {
        let base = "outbox/\(folder)/回执"
        let enumerator = FileManager.default.enumerator(atPath: path(base))
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let file = (relative as NSString).lastPathComponent
            if file.contains(name), file.hasSuffix("回执.xlsx"), !file.contains("预览") { found.append(relative) }
        }
        guard let newest = found.sorted().last else { throw SeasonError("no receipt for \(name) under \(base)") }
        return "\(base)/\(newest)"
    }
}
