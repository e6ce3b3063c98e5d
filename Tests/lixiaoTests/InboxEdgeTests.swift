import Foundation
import Testing

/// Odd but real things staff do with the shared folder.
@Suite("Inbox edge cases", .serialized)
struct InboxEdgeTests {
    @Test("lock files, temporaries, hidden files and Thumbs.db are never touched")
    func ignoredFiles() throws {
        let season = try Season.started()
        let inbox = season.root.appendingPathComponent("inbox/departments/图书馆")
        let names = ["~$回传.xlsx", ".~lock.回传.xlsx#", "回传.xlsx.tmp", "下载.part", "Thumbs.db", ".DS_Store", "1A2B3C4D"]
        for name in names { try Data("x".utf8).write(to: inbox.appendingPathComponent(name)) }
        #expect(season.run().status == 0)
        for name in names { #expect(season.exists("inbox/departments/图书馆/\(name)"), "\(name) was touched") }
        let receipts =
            (try? FileManager.default.contentsOfDirectory(atPath: season.path("outbox/departments/图书馆/回执"))) ?? []
        #expect(receipts.isEmpty)
    }

    @Test("a hard-linked file is refused and never read")
    func hardLink() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/图书馆", as: "原件.xlsx", ["学工号,办理状态", "2023110101,3"])
        let original = season.path("inbox/departments/图书馆/原件.xlsx")
        let elsewhere = season.path("别处.xlsx")
        try FileManager.default.moveItem(atPath: original, toPath: elsewhere)
        #expect(link(elsewhere, original) == 0)
        #expect(season.run().status == 0)
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/原件.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("硬链接") == true)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: elsewhere))
    }

    @Test("a status cell holding a huge number is a row error, not a crash")
    func hugeStatusNumber() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/图书馆", as: "大数.xlsx", ["学工号,办理状态", "2023110101,100000000000000000000"])
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        let rows = try season.receiptRows("outbox/departments/图书馆/回执/大数.xlsx.回执.xlsx")
        #expect(rows.contains { $0.count > 3 && $0[3] == "错误" })
    }

    @Test("a very long file name still gets its receipt, and later files are processed")
    func longName() throws {
        let season = try Season.started()
        let name = String(repeating: "图书馆", count: 27) + "表.xlsx"
        try season.handMade(into: "departments/图书馆", as: name, ["学工号,办理状态", "2023110101,3"])
        try season.handMade(into: "departments/财务处", as: "短.xlsx", ["学工号,办理状态", "2023110101,3"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        #expect(try season.item("2023110101", "财务处")["status"] as? Int == 3)
        let receipts = try FileManager.default.subpathsOfDirectory(atPath: season.path("outbox/departments/图书馆/回执"))
        #expect(receipts.contains { $0.hasSuffix(".回执.xlsx") && ($0 as NSString).lastPathComponent.utf8.count <= 255 })
    }

    @Test("the same bytes copied again with their modification time kept still get a duplicate receipt")
    func duplicateWithKeptTime() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/图书馆", as: "a.xlsx", ["学工号,办理状态", "2023110101,3"])
        let saved = season.path("a-copy.xlsx")
        try FileManager.default.copyItem(atPath: season.path("inbox/departments/图书馆/a.xlsx"), toPath: saved)
        #expect(season.run().status == 0)
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = ["-p", saved, season.path("inbox/departments/图书馆/a.xlsx")]
        try copy.run()
        copy.waitUntilExit()
        // cp -p keeps the modification time; ctime still says the copy is new, so wait out a short window.
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        // Every receipt is kept: the second answer to a.xlsx sits beside the first (a later time, or "(2)").
        let folder = "outbox/departments/图书馆/回执"
        let files = try FileManager.default.subpathsOfDirectory(atPath: season.path(folder)).filter {
            $0.hasSuffix(".回执.xlsx") && $0.contains(" a.xlsx")
        }
        #expect(files.count == 2, "\(files)")
        let outcomes = try files.map { try season.receiptSummary("\(folder)/\($0)")["处理结果"] ?? "" }
        #expect(outcomes.contains { $0.contains("内容完全相同") }, "\(outcomes)")
    }

    @Test("a remark keeps its full-width punctuation")
    func fullWidthRemark() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/财务处", as: "备注.xlsx", ["学工号,办理状态,办理备注", "2023110101,2,无欠费，无需办理（已核）"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "财务处")["remark"] as? String == "无欠费，无需办理（已核）")
    }

    @Test("a registry file in the 预览 folder previews the intake and changes nothing")
    func registryPreview() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry/预览")
        #expect(season.run().status == 0)
        let summary = try season.receiptSummary("outbox/admin/回执/registry.xlsx.预览回执.xlsx")
        #expect(summary["新增人员"] == "5")
        #expect(summary["说明"]?.contains("预览") == true)
        #expect(season.lixiao(["show", "2023110101"]).status == 66)
    }

    @Test("a file dropped where no folder takes it is answered with where it belongs")
    func strayFile() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/学院党委", as: "党委.xlsx", ["学工号,办理状态", "2023110101,3"])
        #expect(season.run().status == 0)
        let summary = try season.receiptSummary("outbox/departments/学院党委/回执/党委.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("按学院办理") == true)
        #expect(!season.exists("inbox/departments/学院党委/党委.xlsx"))
        #expect(try season.item("2023110101", "学院党委")["status"] as? Int == 1)
    }
}

@Suite("Refusals are repeated, not called duplicates", .serialized)
struct RefusalRepeatTests {
    @Test("bytes refused whole before are refused again with their reason when dropped again")
    func refusedTwice() throws {
        let season = try Season.started()
        let inbox = season.root.appendingPathComponent("inbox/departments/档案馆")
        try Data("<html><table></table></html>".utf8).write(to: inbox.appendingPathComponent("a.xls"))
        #expect(season.run().status == 0)
        try Data("<html><table></table></html>".utf8).write(to: inbox.appendingPathComponent("b.xls"))
        #expect(season.run().status == 0)
        let summary = try season.receiptSummary("outbox/departments/档案馆/回执/b.xls.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("网页") == true)
    }
}
