import Foundation
import Testing

/// `lixiao close-batch`: after a batch is closed, no dropped file changes its people, every receipt says why, and
/// reopening lets the same files in again.
@Suite("Closing a batch", .serialized)
struct CloseBatchTests {
    static let summer = "2027届夏季毕业"

    @Test("closing is refused before the deadline unless asked for, and is listed with who, when and why")
    func closingAndListing() throws {
        let season = try Season.started()
        let early = season.lixiao(["close-batch", "2027-summer"])
        #expect(early.status == 64, "\(early.standardOutput)\(early.standardError)")
        #expect(early.standardError.contains("deadline 2027-06-30 has not passed"), "\(early.standardError)")
        #expect(!season.exists("ledger/2027-summer/closure.tsv"))

        let close = season.lixiao(["close-batch", Self.summer, "--before-deadline", "--reason", "已毕业离校"])
        #expect(close.status == 0, "\(close.standardError)")
        #expect(close.standardOutput.contains("closed \(Self.summer) (2027-summer)"), "\(close.standardOutput)")
        let again = season.lixiao(["close-batch", "2027-summer", "--before-deadline"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("already closed"), "\(again.standardOutput)")

        let listing = season.lixiao(["close-batch"])
        #expect(listing.status == 0, "\(listing.standardError)")
        let lines = listing.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("2027-summer\t\(Self.summer)\tclosed since ") == true, "\(lines)")
        #expect(lines.first?.hasSuffix("(已毕业离校)") == true, "\(lines)")
        #expect(lines.last?.contains("open (deadline 2027-12-31)") == true, "\(lines)")

        let file = try String(contentsOfFile: season.path("ledger/2027-summer/closure.tsv"), encoding: .utf8)
        let rows = file.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 2, "one closing, the second asked for nothing new: \(rows)")
        #expect(rows.last?[1] == "关闭")
        #expect(rows.last?[3] == "已毕业离校")
        #expect(season.lixiao(["verify"]).status == 0)
        let permissions = try FileManager.default.attributesOfItem(
            atPath: season.path("ledger/2027-summer/closure.tsv"))
        #expect(((permissions[.posixPermissions] as? Int) ?? 0o777) & 0o007 == 0, "no world access")
    }

    @Test(
        "a closed batch refuses its export back whole, and other files' rows for its people row by row; reopened, they apply"
    )
    func refusalsAndReopening() throws {
        let season = try Season.started()
        let export = try season.outboxFile("departments/图书馆/\(Self.summer)", prefix: "数据导出")
        let journal = season.journalLines("2027-summer")
        #expect(season.lixiao(["close-batch", "2027-summer", "--before-deadline", "--reason", "已毕业离校"]).status == 0)

        // The library's export of the closed batch comes back: refused whole, saying when and why.
        try season.edit(export, into: "departments/图书馆", as: "图书馆回传.xlsx", ["2023110101", "办理状态=3"])
        // A hand-made list without an origin: its summer rows are refused, its winter row applies.
        try season.handMade(
            into: "departments/网络信息中心", as: "手工.xlsx",
            ["学工号,办理状态,办理备注", "2023110101,3,已注销", "2022310017,3,已注销"])
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        let whole = try season.receiptSummary("outbox/departments/图书馆/回执/图书馆回传.xlsx.回执.xlsx")
        #expect(
            whole.values.contains { $0.contains("此表导出自「\(Self.summer)」已于") && $0.contains("（已毕业离校）") },
            "\(whole)")
        let rows = try season.receiptRows("outbox/departments/网络信息中心/回执/手工.xlsx.回执.xlsx")
        #expect(
            rows.contains { $0.count > 4 && $0[1] == "2023110101" && $0[3] == "错误" && $0[4].contains("关闭") },
            "\(rows)")
        #expect(rows.contains { $0.count > 4 && $0[1] == "2022310017" && $0[3] == "已应用" }, "\(rows)")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        #expect(try season.item("2023110101", "网络信息中心")["status"] as? Int == 1)
        #expect(try season.item("2022310017", "网络信息中心")["status"] as? Int == 3)
        #expect(season.journalLines("2027-summer") == journal, "nothing journalled for the closed batch")

        // A registry export moving 王芳 out of the closed batch and adding 吴婷 to it: both rows refused.
        try season.drop("registry-update.xlsx", into: "registry")
        #expect(season.run().status == 0)
        let registry = try season.receiptRows("outbox/admin/回执/registry-update.xlsx.回执.xlsx")
        for id in ["2023110102", "2023120007"] {
            #expect(
                registry.contains { $0.count > 4 && $0[1] == id && $0[3] == "错误" && $0[4].contains("关闭") },
                "\(registry)")
        }
        let wang = try season.json(season.lixiao(["show", "2023110102", "--json"]))
        #expect(wang["batch"] as? String == Self.summer, "a move out of a closed batch is refused whole")
        #expect(season.journalLines("2027-summer") == journal)

        // Reopened, the same export applies.
        let reopen = season.lixiao(["close-batch", "2027-summer", "--reopen"])
        #expect(reopen.status == 0, "\(reopen.standardError)")
        #expect(reopen.standardOutput.contains("reopened"), "\(reopen.standardOutput)")
        try season.edit(export, into: "departments/图书馆", as: "图书馆回传2.xlsx", ["2023110101", "办理状态=3"])
        #expect(season.run().status == 0)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        #expect(season.lixiao(["verify"]).status == 0)
    }
}
