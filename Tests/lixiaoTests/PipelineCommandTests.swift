import Foundation
import Sheets
import Testing

/// A fresh root folder with the default pipeline laid out, and helpers to drop files and read outputs.
struct Season {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-season-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let laidOut = Lixiao.run(["init", "--root", root.path])
        precondition(laidOut.status == 0, laidOut.standardError)
    }

    static let fixtures = Lixiao.repository.appendingPathComponent("Tests/PipelineTests/Fixtures")

    /// Runs `lixiao <command> --root ROOT …`.
    func lixiao(_ arguments: [String], environment: [String: String] = [:]) -> Lixiao.Run {
        Lixiao.run(
            Array(arguments.prefix(1)) + ["--root", root.path] + arguments.dropFirst(), environment: environment)
    }

    /// Copies a fixture into an inbox folder (relative to inbox/), optionally under another name.
    func drop(_ fixture: String, into folder: String, as name: String? = nil) throws {
        let target = root.appendingPathComponent("inbox/\(folder)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let destination = target.appendingPathComponent(name ?? fixture)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(fixture), to: destination)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: destination.path)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(resolved(relative)).path)
    }

    /// `relative`, or for a receipt named as `…/回执/<file>.回执.xlsx` where it was filed: the newest receipt of
    /// that file under the folder's day folders (`…/回执/2027-06-25/09.30.12 <file>.回执.xlsx`).
    func resolved(_ relative: String) -> String {
        guard !FileManager.default.fileExists(atPath: path(relative)), relative.contains("/回执/"),
            relative.hasSuffix("回执.xlsx")
        else { return relative }
        let folder = (relative as NSString).deletingLastPathComponent
        let name = (relative as NSString).lastPathComponent
        let days = (try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []
        var found: [String] = []
        for day in days.sorted() where day.count == 10 && day.first?.isNumber == true {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path(folder + "/" + day))) ?? []
            for file in names.sorted() where file.hasSuffix(" " + name) {
                found.append(folder + "/" + day + "/" + file)
            }
        }
        return found.last ?? relative
    }

    /// Every receipt filed under `folder` (relative to the root, ending in `回执`), by file name without its time.
    func receiptNames(_ folder: String) -> [String] {
        let days = (try? FileManager.default.contentsOfDirectory(atPath: path(folder))) ?? []
        return days.flatMap { day in
            ((try? FileManager.default.contentsOfDirectory(atPath: path(folder + "/" + day))) ?? []).map { file in
                String(file.drop { $0 != " " }.dropFirst())
            }
        }.sorted()
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The rows of a receipt's per-row sheet, as text.
    func receiptRows(_ relative: String) throws -> [[String]] {
        try SpreadsheetReader(path: path(resolved(relative))).rows(inSheet: 1).map { $0.cells.map(\.text) }
    }

    /// The summary sheet of a receipt as label → value.
    func receiptSummary(_ relative: String) throws -> [String: String] {
        var summary: [String: String] = [:]
        for row in try SpreadsheetReader(path: path(resolved(relative))).rows(inSheet: 0) where row.cells.count >= 2 {
            let label = row[0].text
            summary[label] = summary[label].map { $0 + "\n" + row[1].text } ?? row[1].text
        }
        return summary
    }

    func journalLines(_ batch: String) -> Int {
        let text = (try? String(contentsOfFile: path("ledger/\(batch)/journal.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    func json(_ run: Lixiao.Run) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any] ?? [:]
    }
}

@Suite("Intake through lixiao run", .serialized)
struct IntakeCommandTests {
    @Test("init lays out the inbox and outbox for every item and college, with a guide in each inbox folder")
    func initLaysOutFolders() {
        let season = Season()
        let run = season.lixiao(["init"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(season.exists("inbox/registry/说明.txt"))
        #expect(season.exists("inbox/departments/图书馆/说明.txt"))
        #expect(season.exists("inbox/departments/学院党委/计算机科学与技术学院/说明.txt"))
        #expect(season.exists("inbox/colleges/外国语学院/roster/说明.txt"))
        #expect(season.exists("inbox/colleges/外国语学院/issuance/说明.txt"))
        #expect(season.exists("outbox/apartment"))
        #expect(season.exists("ledger"))
    }

    @Test("a registry export adds the departing people, keeps the rest, refuses bad rows, and answers with a receipt")
    func registryIntake() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!season.exists("inbox/registry/registry.xlsx"))
        let receipt = "outbox/admin/回执/registry.xlsx.回执.xlsx"
        let summary = try season.receiptSummary(receipt)
        #expect(summary["新增人员"] == "5")
        #expect(summary["有错误未处理的行"] == "3")
        #expect(summary["非本次离校（仅保存学籍信息）"] == "1")
        #expect(summary["说明"]?.contains("身份证号") == true)
        let rows = try season.receiptRows(receipt)
        #expect(rows.first == ["行号", "学工号", "姓名", "结果", "说明"])
        #expect(rows.contains { $0.starts(with: ["10", "2023110150", "钱多多", "错误"]) && $0[4].contains("不存在学院") })
        #expect(rows.contains { $0.starts(with: ["11", "2023110151", "周八", "错误"]) && $0[4].contains("专科") })
        #expect(rows.contains { $0[0] == "12" && $0[3] == "错误" && $0[4].contains("第 4 行已有该学工号") })

        let show = season.lixiao(["show", "2023110101", "--json"])
        #expect(show.status == 0, "\(show.standardError)")
        let person = try season.json(show)
        #expect(person["name"] as? String == "张伟")
        #expect(person["batch"] as? String == "2027届夏季毕业")
        #expect(person["eligible"] as? Bool == false)
        let items = person["items"] as? [String: [String: Any]] ?? [:]
        #expect(items["学生公寓管理中心"]?["status"] as? Int == 1)  // a resident
        #expect(items["教务处"] != nil)  // an undergraduate
        #expect(items["研究生院"] == nil)
        #expect(items["导师签字"] == nil)
        let doctoral = try season.json(season.lixiao(["show", "2022310017", "--json"]))
        #expect(doctoral["batch"] as? String == "2027届冬季毕业")
        #expect((doctoral["items"] as? [String: Any])?["导师签字"] != nil)
        #expect(season.lixiao(["show", "2024110001"]).status == 66)  // not departing: reference only
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("a later export journals each changed field and moves a person between batches; history shows it")
    func registryUpdate() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        try season.drop("registry-update.xls", into: "registry")
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try season.receiptSummary("outbox/admin/回执/registry-update.xls.回执.xlsx")
        #expect(summary["新增人员"] == "1")  // 吴婷
        #expect(summary["转批次"] == "1")  // 王芳 into the winter batch
        #expect(summary["信息更新"] == "1")
        #expect(summary["未变化"] == "1")
        let moved = try season.json(season.lixiao(["show", "2023110102", "--json"]))
        #expect(moved["batch"] as? String == "2027届冬季毕业")
        let history = season.lixiao(["history", "2023110101"])
        #expect(history.status == 0)
        #expect(history.standardOutput.contains("专业: 软件工程 → 计算机科学与技术"))
        // Staff read the file as they dropped it and their local time, not a hash or a JSON record.
        #expect(history.standardOutput.contains("registry-update.xls 行"))
        #expect(history.standardOutput.contains("added to the batch"))
        #expect(!history.standardOutput.contains("{"))
        #expect(history.standardOutput.split(separator: "\n").allSatisfy { $0.count < 200 })
        let verify = season.lixiao(["verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)")
    }

    @Test("dropping the same bytes twice applies nothing the second time, and the receipt says so")
    func duplicateDrop() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let lines = season.journalLines("2027-summer")
        try season.drop("registry.xlsx", into: "registry", as: "学籍库-再次导出.xlsx")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        #expect(season.journalLines("2027-summer") == lines)
        let summary = try season.receiptSummary("outbox/admin/回执/学籍库-再次导出.xlsx.回执.xlsx")
        #expect(summary["处理结果"]?.contains("内容完全相同") == true)
        #expect(summary["处理结果"]?.contains("「registry.xlsx」") == true, "the earlier file is named")
        #expect(summary["如需再次应用"]?.contains("重新保存") == true)
    }

    @Test("a GBK CSV registry export is taken in like the xlsx one")
    func gbkRegistry() throws {
        let season = Season()
        try season.drop("registry-gbk.csv", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let person = try season.json(season.lixiao(["show", "2023110199", "--json"]))
        #expect(person["college"] as? String == "经济管理学院")
    }

    @Test("a roster adds only its own college's people without student status, never overwriting the registry")
    func rosterScope() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        try season.drop("roster-cs.xlsx", into: "colleges/计算机科学与技术学院/roster")
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        let receipt = "outbox/colleges/计算机科学与技术学院/回执/离校人员导入/roster-cs.xlsx.回执.xlsx"
        let rows = try season.receiptRows(receipt)
        func outcome(_ id: String) -> [String]? { rows.first { $0.count > 3 && $0[1] == id } }
        #expect(outcome("J2027001")?[3] == "新增")
        #expect(outcome("J2027002")?[3] == "新增")  // college left blank: the folder's college
        #expect(outcome("J2027003")?[3] == "错误")
        #expect(outcome("J2027003")?[4].contains("不是本学院") == true)
        #expect(outcome("2023110101")?[4].contains("学籍库中已存在") == true)
        #expect(outcome("2024110001")?[4].contains("学籍库中已存在") == true)  // in the registry, not departing
        #expect(outcome("J2027004")?[4].contains("离校批次") == true)
        let person = try season.json(season.lixiao(["show", "J2027002", "--json"]))
        #expect(person["college"] as? String == "计算机科学与技术学院")
        let registryPerson = try season.json(season.lixiao(["show", "2023110101", "--json"]))
        #expect(registryPerson["name"] as? String == "张伟")
    }

    @Test("a file that is not a spreadsheet is refused whole with a Chinese reason, and leaves the inbox")
    func refusedFile() throws {
        let season = Season()
        let inbox = season.root.appendingPathComponent("inbox/registry")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try Data("<html><table><tr><td>学号</td></tr></table></html>".utf8)
            .write(to: inbox.appendingPathComponent("lixiao.xls"))
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let summary = try season.receiptSummary("outbox/admin/回执/lixiao.xls.回执.xlsx")
        #expect(summary["处理结果"] == "整份文件已拒收，未做任何更改")
        #expect(summary["拒收原因"]?.contains("网页") == true)
        #expect(!season.exists("inbox/registry/lixiao.xls"))
    }

    @Test("a symbolic link in the inbox is refused and never followed")
    func symlinkRefused() throws {
        let season = Season()
        let inbox = season.root.appendingPathComponent("inbox/registry")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: inbox.appendingPathComponent("学籍.xlsx").path,
            withDestinationPath: Season.fixtures.appendingPathComponent("registry.xlsx").path)
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let summary = try season.receiptSummary("outbox/admin/回执/学籍.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("符号链接") == true)
        #expect(season.lixiao(["show", "2023110101"]).status == 66)
    }

    @Test("export and stats refuse an unknown batch or college with exit 64")
    func unknownFilters() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let export = season.lixiao(["export", "--item", "图书馆", "--batch", "nope", "-o", season.path("x.xlsx")])
        #expect(export.status == 64)
        #expect(export.standardError.contains("no batch \"nope\""))
        #expect(
            season.lixiao(["export", "--item", "图书馆", "--college", "nope", "-o", season.path("x.xlsx")]).status == 64)
        #expect(season.lixiao(["stats", "--batch", "nope"]).status == 64)
        #expect(!season.exists("x.xlsx"))
    }

    @Test("a file copied just before run is taken: run waits out the settle window")
    func copiedThenRun() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let run = season.lixiao(["run", "--settle", "2"])
        #expect(run.status == 0)
        #expect(!season.exists("inbox/registry/registry.xlsx"))
        #expect(season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx"))
    }

    @Test("a file still being written when the settle window ends is left for the next round")
    func stillChanging() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let path = season.path("inbox/registry/registry.xlsx")
        let writer = Thread {
            for _ in 0..<20 {
                if let handle = FileHandle(forWritingAtPath: path) {
                    handle.seekToEndOfFile()
                    handle.write(Data("x".utf8))
                    try? handle.close()
                }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
        writer.start()
        let run = season.lixiao(["run", "--settle", "1"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("waiting (still changing)"))
        #expect(season.exists("inbox/registry/registry.xlsx"))
        Thread.sleep(forTimeInterval: 3)
    }
}
