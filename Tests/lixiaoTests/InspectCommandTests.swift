import Foundation
import Testing

/// `lixiao inspect` run as staff would run it, as a real process.
@Suite("lixiao inspect")
struct InspectCommandTests {
    static let fixtures = Lixiao.repository.appendingPathComponent("Tests/SheetsTests/Fixtures")
    static let hostileFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lixiao-cli-hostile-\(getpid())")
        let script = Lixiao.repository.appendingPathComponent("Tests/SheetsTests/Hostile/make_hostile.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder.path]
        try? process.run()
        process.waitUntilExit()
        return folder
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    @Test("--json prints format, encoding and dense rows of cell text, IDs without exponent, dates as YYYY-MM-DD")
    func json() throws {
        let run = Lixiao.run(["inspect", "--json", Self.fixture("registry-libreoffice.xls")])
        #expect(run.status == 0, "\(run.standardError)")
        let document = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        #expect(document?["format"] as? String == "xls")
        #expect(document?["encoding"] as? String == "UTF-16LE")
        let sheets = document?["sheets"] as? [[String: Any]] ?? []
        #expect(sheets.map { $0["name"] as? String } == ["学籍信息", "说明"])
        let rows = sheets.first?["rows"] as? [[String]] ?? []
        #expect(rows.count == 9)
        #expect(rows[1] == [])  // row 2 is blank and keeps its place
        #expect(
            rows[3] == [
                "2023110101", "张伟", "男", "计算机科学与技术学院", "软件工程", "软工2301", "本科", "2027届夏季毕业",
                "2023-09-01", "152.5",
            ])
    }

    @Test("the table view shows row numbers as a spreadsheet does")
    func table() {
        let run = Lixiao.run(["inspect", Self.fixture("registry-gbk.csv")])
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "registry-gbk.csv: csv, GB18030, 1 sheet")
        #expect(lines.contains { $0.hasPrefix("4 │ 2023110101 ") })
        #expect(lines.contains { $0.hasPrefix("9 │ 2023110199 ") && $0.contains("│ 赵, 敏   │ 女   │") })
    }

    @Test("a refused file exits 65 and names the file and what it is")
    func refused() {
        let run = Lixiao.run(["inspect", Self.fixture("portal-export.xls")])
        #expect(run.status == 65)
        #expect(run.standardError.contains("portal-export.xls: is a web page (HTML)"))
    }

    @Test("--json on a refused file prints the English and the Chinese message")
    func refusedJSON() throws {
        let run = Lixiao.run(["inspect", "--json", Self.fixture("encrypted.xlsx")])
        #expect(run.status == 65)
        let document = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: String]
        #expect(document?["staffMessage"] == "文件「encrypted.xlsx」：设置了打开密码，请取消密码后重新保存并放入")
    }

    @Test("a missing file exits 66")
    func missing() {
        #expect(Lixiao.run(["inspect", "/nonexistent/学籍.xlsx"]).status == 66)
    }

    @Test(
        "zip bomb, billion laughs and XXE are each refused without hanging and within 100 MB",
        arguments: [
            "bomb-lying-headers.xlsx", "bomb-honest.xlsx", "nested-42.xlsx", "billion-laughs.xlsx",
            "xxe.xlsx", "xxe-sharedstrings.xlsx", "many-entries.xlsx", "overlapping-entries.xlsx",
        ])
    func hostileBounds(file: String) {
        let run = Lixiao.measured(["inspect", Self.hostileFolder.appendingPathComponent(file).path])
        #expect(run.status == 65, "\(file): \(run.standardError)")
        #expect(run.seconds < 20, "\(file) hung for \(run.seconds) s")  // a hang guard, not a timing claim
        #expect(run.peakMegabytes < 100, "\(file) peaked at \(run.peakMegabytes) MB")
        #expect(!run.standardOutput.contains("root:") && !run.standardError.contains("lollol"))
    }

    @Test("--help matches the committed snapshot")
    func help() throws {
        let run = Lixiao.run(["inspect", "--help"])
        let snapshot = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Snapshots/inspect-help.txt")
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(run.standardOutput == expected)
    }
}
