import Foundation
import Sheets
import Testing

extension Season {
    static let scripts = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Scripts")

    /// Takes in the registry fixture and generates the outbox.
    static func started() throws -> Season {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let run = season.lixiao(["run", "--settle", "0"])
        precondition(run.status == 0, run.standardError)
        return season
    }

    /// The first file under an outbox folder whose name starts with `prefix`.
    func outboxFile(_ folder: String, prefix: String) throws -> String {
        let path = root.appendingPathComponent("outbox/\(folder)").path
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
        guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) }) else {
            throw SeasonError("no \(prefix)… in outbox/\(folder): \(names)")
        }
        return path + "/" + name
    }

    /// Edits a generated sheet with openpyxl (as staff editing in a spreadsheet program) into an inbox folder.
    func edit(_ source: String, into folder: String, as name: String, _ edits: [String]) throws {
        let target = root.appendingPathComponent("inbox/\(folder)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try python("edit_return.py", [source, target.appendingPathComponent(name).path] + edits)
    }

    /// Writes a hand-made sheet (xlsx by openpyxl, or GBK CSV) into an inbox folder.
    func handMade(into folder: String, as name: String, _ rows: [String]) throws {
        let target = root.appendingPathComponent("inbox/\(folder)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try python("make_sheet.py", [target.appendingPathComponent(name).path] + rows)
    }

    private func python(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scripts.appendingPathComponent(script).path] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SeasonError(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
    }

    func item(_ id: String, _ name: String) throws -> [String: Any] {
        let person = try json(lixiao(["show", id, "--json"]))
        return (person["items"] as? [String: [String: Any]])?[name] ?? [:]
    }

    func run() -> Lixiao.Run { lixiao(["run", "--settle", "0"]) }
}

struct SeasonError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("Returns through the shared folder", .serialized)
struct ReturnsScenarioTests {
    static let summer = "2027届夏季毕业"

    @Test("a department's edited export sets status and remark; unchanged rows and profile edits are not applied")
    func departmentReturn() throws {
        let season = try Season.started()
        let export = try season.outboxFile("departments/图书馆/\(Self.summer)", prefix: "数据导出")
        try season.edit(
            export, into: "departments/图书馆", as: "图书馆回传.xlsx",
            [
                "2023110101", "办理状态=3 已办理", "办理备注=已还书",
                "2023110102", "办理状态=2", "姓名=王芳芳",
            ])
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        #expect(try season.item("2023110101", "图书馆")["remark"] as? String == "已还书")
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 2)
        #expect(try season.json(season.lixiao(["show", "2023110102", "--json"]))["name"] as? String == "王芳")
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/图书馆回传.xlsx.回执.xlsx")
        #expect(summary["已应用"] == "2")
        #expect(summary["冲突（未应用）"] == "0")
        // The regenerated export shows the new values.
        let rows = try SpreadsheetReader(path: export).rows().map { $0.cells.map(\.text) }
        #expect(rows.contains { $0.first == "2023110101" && $0.contains("3 已办理") })
    }

    @Test("two people editing copies of one export: both land, neither undoes the other; a real conflict is reported")
    func twoCopies() throws {
        let season = try Season.started()
        let current = try season.outboxFile("departments/图书馆/\(Self.summer)", prefix: "数据导出")
        // Both colleagues downloaded the export before either returned it.
        let export = season.path("downloaded-copy.xlsx")
        try FileManager.default.copyItem(atPath: current, toPath: export)
        try season.edit(
            export, into: "departments/图书馆", as: "张老师.xlsx",
            [
                "2023110101", "办理状态=3 已办理", "2023110102", "办理状态=3 已办理",
            ])
        #expect(season.run().status == 0)
        try season.edit(
            export, into: "departments/图书馆", as: "李老师.xlsx",
            [
                "2023110102", "办理状态=2 无需办理",
                "2023110199", "办理状态=3 已办理", "办理备注=李老师核对",
            ])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)  // not undone by the stale copy
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 3)  // the conflict is not applied
        #expect(try season.item("2023110199", "图书馆")["status"] as? Int == 3)  // the other change lands
        let receipt = "outbox/departments/图书馆/回执/李老师.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(receipt)["冲突（未应用）"] == "1")
        let conflict = try season.receiptRows(receipt).first { $0.count > 3 && $0[1] == "2023110102" }
        #expect(conflict?[3] == "冲突")
        #expect(conflict?[4].contains("3 已办理") == true)
    }

    @Test("a file copied from one department's folder into another's is refused whole")
    func wrongFolder() throws {
        let season = try Season.started()
        let export = try season.outboxFile("departments/图书馆/\(Self.summer)", prefix: "数据导出")
        try season.edit(export, into: "departments/财务处", as: "复制来的.xlsx", ["2023110101", "办理状态=3"])
        #expect(season.run().status == 0)
        let summary = try season.receiptSummary("outbox/departments/财务处/回执/复制来的.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("图书馆") == true)
        #expect(try season.item("2023110101", "财务处")["status"] as? Int == 1)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
    }

    @Test("a college-scoped department changes only its own college's people")
    func collegeScope() throws {
        let season = try Season.started()
        try season.handMade(
            into: "departments/学院党委/外国语学院", as: "党委.xlsx",
            [
                "学工号,办理状态", "2024210305,3", "2023110101,3",
            ])
        #expect(season.run().status == 0)
        #expect(try season.item("2024210305", "学院党委")["status"] as? Int == 3)
        #expect(try season.item("2023110101", "学院党委")["status"] as? Int == 1)
        let rows = try season.receiptRows("outbox/departments/学院党委/外国语学院/回执/党委.xlsx.回执.xlsx")
        #expect(rows.contains { $0.count > 4 && $0[1] == "2023110101" && $0[3] == "错误" && $0[4].contains("外国语学院") })
    }

    @Test("hand-made GBK CSV and a LibreOffice .xls return apply as written")
    func csvAndXls() throws {
        let season = try Season.started()
        try season.handMade(
            into: "departments/校园卡中心", as: "注销名单.csv",
            [
                "学工号,办理状态,办理备注", "2023110101,已办理,卡已注销", "2023110199,无须办理,",
            ])
        let export = try season.outboxFile("departments/档案馆/\(Self.summer)", prefix: "数据导出")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-xls-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let edited = scratch.appendingPathComponent("档案馆回传.xlsx").path
        try season.editTo(export, edited, ["2023110102", "办理状态=3 已办理"])
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        convert.arguments = [
            "soffice", "-env:UserInstallation=file:///tmp/lixiao-test-lo-xls", "--headless",
            "--convert-to", "xls", "--outdir", scratch.path, edited,
        ]
        convert.standardOutput = FileHandle.nullDevice
        convert.standardError = FileHandle.nullDevice
        try convert.run()
        convert.waitUntilExit()
        let xls = scratch.appendingPathComponent("档案馆回传.xls").path
        #expect(FileManager.default.fileExists(atPath: xls), "LibreOffice did not write the .xls")
        try FileManager.default.copyItem(atPath: xls, toPath: season.path("inbox/departments/档案馆/档案馆回传.xls"))
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "校园卡中心")["status"] as? Int == 3)
        #expect(try season.item("2023110101", "校园卡中心")["remark"] as? String == "卡已注销")
        #expect(try season.item("2023110199", "校园卡中心")["status"] as? Int == 2)
        #expect(try season.item("2023110102", "档案馆")["status"] as? Int == 3)
    }

    @Test(
        "an .xls return whose statuses and IDs are formulas applies the values the sheet shows",
        arguments: ["libreoffice", "gnumeric", "excel95-gnumeric"])
    func formulaReturnInXls(writer: String) throws {
        let season = try Season.started()
        let fixture = Lixiao.repository.appendingPathComponent(
            "Tests/SheetsTests/Fixtures/formula-return-\(writer).xls")
        try FileManager.default.createDirectory(
            atPath: season.path("inbox/departments/图书馆"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: fixture.path, toPath: season.path("inbox/departments/图书馆/公式回传.xls"))
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)  // =IF(LEN(A2)=10,3,1)
        #expect(try season.item("2023110101", "图书馆")["remark"] as? String == "图书已归还")
        #expect(try season.item("2023110199", "图书馆")["status"] as? Int == 2)  // ID ="2023110"&"199", status =1+1
        #expect(try season.item("2023110199", "图书馆")["remark"] as? String == "公式学号")
    }

    @Test("a range row applies to everyone in range; a range over 200 IDs is a row error")
    func rangeRows() throws {
        let season = try Season.started()
        try season.handMade(
            into: "departments/网络信息中心", as: "批量.xlsx",
            [
                "学工号,办理状态,办理备注", "2023110101-2023110150,3,批量注销", "2023110101-2023119999,3,",
            ])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "网络信息中心")["status"] as? Int == 3)
        #expect(try season.item("2023110102", "网络信息中心")["status"] as? Int == 3)
        #expect(try season.item("2023110199", "网络信息中心")["status"] as? Int == 1)  // outside the first range
        let rows = try season.receiptRows("outbox/departments/网络信息中心/回执/批量.xlsx.回执.xlsx")
        #expect(rows.contains { $0.count > 4 && $0[0] == "3" && $0[3] == "错误" && $0[4].contains("200") })
    }

    @Test("an advisor signs only their own students")
    func advisorSignature() throws {
        let season = try Season.started()
        let folder = "advisors/T2003015/\(Self.summer)"
        let sheet = try season.outboxFile(folder, prefix: "")
        try season.edit(sheet, into: "advisors/T2003015", as: "签字.xlsx", ["2024210305", "签字=是"])
        try season.handMade(into: "advisors/T1998002", as: "代签.xlsx", ["学工号,签字", "2024210305,是"])
        #expect(season.run().status == 0)
        #expect(try season.item("2024210305", "导师签字")["status"] as? Int == 3)
        let rows = try season.receiptRows("outbox/advisors/T1998002/回执/代签.xlsx.回执.xlsx")
        #expect(rows.contains { $0.count > 4 && $0[1] == "2024210305" && $0[3] == "错误" })
        // The advisor's receipt speaks of signing, as advisors do.
        let signed = try season.receiptRows("outbox/advisors/T2003015/回执/签字.xlsx.回执.xlsx")
        #expect(signed.contains { $0.count > 4 && $0[1] == "2024210305" && $0[4].contains("未签字 → 已签字") }, "\(signed)")
    }

    @Test("issuance only for the eligible, once; a department setting an item back afterwards is a hold")
    func issuance() throws {
        let season = try Season.started()
        // Clear every item of 王芳 (an undergraduate living off campus).
        for folder in [
            "图书馆", "财务处", "校园卡中心", "网络信息中心", "保卫处", "档案馆", "学生资助管理中心", "教务处",
            "学院党委/计算机科学与技术学院",
        ] {
            try season.handMade(into: "departments/\(folder)", as: "办结.xlsx", ["学工号,办理状态", "2023110102,3"])
        }
        #expect(season.run().status == 0)
        #expect(try season.json(season.lixiao(["show", "2023110102", "--json"]))["eligible"] as? Bool == true)
        let list = try season.outboxFile("colleges/计算机科学与技术学院/\(Self.summer)", prefix: "两证发放")
        try season.edit(list, into: "colleges/计算机科学与技术学院/issuance", as: "发证确认.xlsx", ["2023110102", "确认发证=是"])
        try season.handMade(
            into: "colleges/计算机科学与技术学院/issuance", as: "手工发证.xlsx",
            [
                "学工号,确认发证", "2023110101,是",
            ])
        #expect(season.run().status == 0)
        #expect(try season.json(season.lixiao(["show", "2023110102", "--json"]))["issued"] as? Bool == true)
        #expect(try season.json(season.lixiao(["show", "2023110101", "--json"]))["issued"] as? Bool == false)
        let refused = try season.receiptRows("outbox/colleges/计算机科学与技术学院/回执/发证确认/手工发证.xlsx.回执.xlsx")
        #expect(refused.contains { $0.count > 4 && $0[1] == "2023110101" && $0[4].contains("图书馆") })
        // Issuing again is a no-op; a hold after issuance is applied.
        try season.handMade(into: "colleges/计算机科学与技术学院/issuance", as: "再次.xlsx", ["学工号,确认发证", "2023110102,是"])
        try season.handMade(into: "departments/图书馆", as: "补扣.xlsx", ["学工号,办理状态,办理备注", "2023110102,1,发现欠书"])
        #expect(season.run().status == 0)
        let again = try season.receiptRows("outbox/colleges/计算机科学与技术学院/回执/发证确认/再次.xlsx.回执.xlsx")
        #expect(again.contains { $0.count > 3 && $0[1] == "2023110102" && $0[3] == "未变化" })
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 1)
        #expect(try season.json(season.lixiao(["show", "2023110102", "--json"]))["issued"] as? Bool == true)
    }

    @Test("an issuance range counts people not yet eligible as 未满足条件, not as errors")
    func issuanceRange() throws {
        let season = try Season.started()
        try season.handMade(
            into: "colleges/计算机科学与技术学院/issuance", as: "范围发证.xlsx", ["学工号,确认发证", "2023110101-2023110102,是"])
        #expect(season.run().status == 0)
        let receipt = "outbox/colleges/计算机科学与技术学院/回执/发证确认/范围发证.xlsx.回执.xlsx"
        let rows = try season.receiptRows(receipt)
        #expect(rows.filter { $0.count > 3 && $0[3] == "未满足条件" }.count == 2, "\(rows)")
        #expect(!rows.contains { $0.count > 3 && $0[3] == "错误" })
        let summary = try season.receiptSummary(receipt)
        #expect(summary["未满足条件（未发证）"] == "2", "\(summary)")
        #expect(summary["错误（未应用）"] == "0")
    }

    @Test("applications: a registry student joins the batch and gets a notice; a stranger is told to ask the college")
    func applications() throws {
        let season = try Season.started()
        try season.handMade(
            into: "applications", as: "申请.xlsx",
            [
                "学号,姓名,离校批次", "2024110001,孙强,2027届夏季毕业", "2099999999,路人甲,2027届夏季毕业",
            ])
        #expect(season.run().status == 0)
        let joined = try season.json(season.lixiao(["show", "2024110001", "--json"]))
        #expect(joined["batch"] as? String == Self.summer)
        #expect(season.exists("outbox/notices/\(Self.summer)/计算机科学与技术学院/离校通知单-2024110001-孙强.xlsx"))
        let rows = try season.receiptRows("outbox/applications/回执/申请.xlsx.回执.xlsx")
        #expect(rows.contains { $0.count > 4 && $0[1] == "2099999999" && $0[4].contains("离校人员导入") })
        // The notice stays current: the library clears the applicant, and the notice says so.
        try season.handMade(into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态,办理备注", "2024110001,3,已还书"])
        #expect(season.run().status == 0)
        let notice = season.path("outbox/notices/\(Self.summer)/计算机科学与技术学院/离校通知单-2024110001-孙强.xlsx")
        let cells = try SpreadsheetReader(path: notice).rows().map { $0.cells.map(\.text) }
        #expect(cells.contains { $0.contains("图书馆") && $0.contains("3 已办理") && $0.contains("已还书") })
    }

    @Test("a file in a 预览 folder gets the receipt of what would happen and changes nothing")
    func preview() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/图书馆/预览", as: "试试.xlsx", ["学工号,办理状态", "2023110101,3"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/试试.xlsx.预览回执.xlsx")
        #expect(summary["将应用"] == "1")
        #expect(!season.exists("inbox/departments/图书馆/预览/试试.xlsx"))
    }
}

extension Season {
    /// Edits a generated sheet into any path (outside the inbox).
    func editTo(_ source: String, _ target: String, _ edits: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.scripts.appendingPathComponent("edit_return.py").path, source, target] + edits
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SeasonError("edit_return.py failed") }
    }
}
