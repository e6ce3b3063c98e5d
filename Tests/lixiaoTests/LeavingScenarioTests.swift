import Foundation
import Sheets
import Testing

extension Season {
    static let summer = "2027届夏季毕业"
    static let winter = "2027届冬季毕业"
    static let cs = "计算机科学与技术学院"
    /// The header of a registry export with every profile column the fixture's people have.
    static let registryHeader = "学号,姓名,性别,学院,专业,班级,培养层次,导师工号,导师姓名,公寓楼,房间,离校批次"

    /// A registry row for one of the fixture's people, in `batch`.
    static func registryRow(_ id: String, batch: String) -> String {
        let rows = [
            "2023110101": "2023110101,张伟,男,\(cs),软件工程,软工2301,本科,,,10号楼,305",
            "2023110102": "2023110102,王芳,女,\(cs),软件工程,软工2301,本科,,,,",
        ]
        return (rows[id] ?? id) + "," + batch
    }

    /// Every cell text of every sheet of an outbox workbook.
    func cells(_ relative: String) throws -> [String] {
        let reader = try SpreadsheetReader(path: path("outbox/" + relative))
        return try reader.sheets.indices.flatMap { index in
            try reader.rows(inSheet: index).flatMap { $0.cells.map(\.text) }
        }
    }

    /// The rows of one sheet of an outbox workbook, as text.
    func sheetRows(_ relative: String, sheet: Int) throws -> [[String]] {
        try SpreadsheetReader(path: path("outbox/" + relative)).rows(inSheet: sheet).map { $0.cells.map(\.text) }
    }

    /// Every generated workbook of one batch that lists people by ID: department exports and pending lists,
    /// college workbooks, advisor sheets and notices (relative to outbox/).
    func listsOf(_ batch: String) throws -> [String] {
        let outbox = root.appendingPathComponent("outbox")
        let all = FileManager.default.enumerator(atPath: outbox.path)?.compactMap { $0 as? String } ?? []
        return all.filter { path in
            path.hasSuffix(".xlsx") && !path.contains("回执") && path.split(separator: "/").contains { $0 == batch }
                && (path.contains("数据导出") || path.contains("催办名单") || path.hasPrefix("colleges/")
                    || path.hasPrefix("advisors/") || path.hasPrefix("notices/") || path.hasPrefix("apartment/"))
        }.sorted()
    }

    /// `stats --json` for one batch.
    func stats(_ batch: String) throws -> [String: Any] {
        let run = lixiao(["stats", "--json"])
        let batches = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String: Any]] ?? []
        return batches.first { $0["name"] as? String == batch } ?? [:]
    }

    /// The people a batch's statistics count for one college (0 when the college is not listed).
    func collegePeople(_ batch: String, _ college: String) throws -> Int {
        let colleges = try stats(batch)["colleges"] as? [[String: Any]] ?? []
        return colleges.first { $0["college"] as? String == college }?["people"] as? Int ?? 0
    }

    func show(_ id: String) throws -> [String: Any] { try json(lixiao(["show", id, "--json"])) }

    /// Deletes every snapshot, runs again (which rebuilds them from the journals alone) and expects `show` and the
    /// statistics to say what they said before, and `verify` to pass.
    func expectReplayMatches(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let show = lixiao(["show", id, "--json"]).standardOutput
        let stats = lixiao(["stats", "--json"]).standardOutput
        for batch in ["2027-summer", "2027-winter"] {
            try? FileManager.default.removeItem(atPath: path("ledger/\(batch)/snapshot.tsv"))
        }
        #expect(run().status == 0, sourceLocation: sourceLocation)
        #expect(exists("ledger/2027-summer/snapshot.tsv"), sourceLocation: sourceLocation)
        #expect(lixiao(["show", id, "--json"]).standardOutput == show, sourceLocation: sourceLocation)
        #expect(lixiao(["stats", "--json"]).standardOutput == stats, sourceLocation: sourceLocation)
        #expect(lixiao(["verify"]).status == 0, sourceLocation: sourceLocation)
    }
}

@Suite("People leave a batch: the registrar's moves and the colleges' withdrawals", .serialized)
struct LeavingScenarioTests {
    typealias S = Season

    @Test(
        "the registrar's move: the old batch keeps the person as 转出, the new one starts them at 1, every output follows"
    )
    func registrarMove() throws {
        let season = try Season.started()
        try season.handMade(into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态,办理备注", "2023110102,3,已还书"])
        #expect(season.run().status == 0)
        let summerExport = "departments/图书馆/\(S.summer)/数据导出-图书馆-\(S.summer).xlsx"
        let downloaded = season.path("downloaded.xlsx")
        try FileManager.default.copyItem(atPath: season.path("outbox/" + summerExport), toPath: downloaded)
        #expect(try season.cells(summerExport).contains("2023110102"))
        #expect(try season.stats(S.summer)["people"] as? Int == 4)

        try season.handMade(
            into: "registry", as: "学籍更新.xlsx", [S.registryHeader, S.registryRow("2023110102", batch: S.winter)])
        #expect(season.run().status == 0)

        // The registrar's receipt says what moved, row by row.
        let receipt = "outbox/admin/回执/学籍更新.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(receipt)["转批次"] == "1")
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110102" }
        #expect(row?[3] == "转批次")
        #expect(row?[4].contains("由「\(S.summer)」转入本批次") == true, "\(String(describing: row))")

        // show: the new batch, where they came from, and items starting at 1.
        let person = try season.show("2023110102")
        #expect(person["batch"] as? String == S.winter)
        #expect(person["status"] as? String == "departing")
        let movedIn = person["movedIn"] as? [String: Any]
        #expect(movedIn?["from"] as? String == S.summer)
        #expect(movedIn?["by"] as? String == "registry")
        #expect(movedIn?["file"] as? String == "学籍更新.xlsx")
        #expect((movedIn?["time"] as? String)?.isEmpty == false)
        #expect(try season.item("2023110102", "图书馆")["status"] as? Int == 1)
        let movedOut = person["movedOut"] as? [[String: Any]] ?? []
        #expect(movedOut.first?["batch"] as? String == S.summer)
        #expect(movedOut.first?["to"] as? String == S.winter)

        // Every list of the old batch lost them; the new batch's lists have them.
        let summerLists = try season.listsOf(S.summer)
        #expect(summerLists.contains(summerExport))
        for list in summerLists {
            #expect(try !season.cells(list).contains("2023110102"), "\(list) still lists the person who moved")
        }
        #expect(try season.cells("departments/图书馆/\(S.winter)/数据导出-图书馆-\(S.winter).xlsx").contains("2023110102"))
        #expect(try season.cells("departments/图书馆/\(S.winter)/催办名单-图书馆-\(S.winter).xlsx").contains("2023110102"))

        // Statistics: one person fewer in the old batch, counted as moved out; one more in the new one.
        let summer = try season.stats(S.summer)
        #expect(summer["people"] as? Int == 3)
        #expect(summer["movedOut"] as? Int == 1)
        #expect(summer["withdrawn"] as? Int == 0)
        #expect(try season.stats(S.winter)["people"] as? Int == 2)
        #expect(try season.collegePeople(S.summer, S.cs) == 1)
        #expect(try season.collegePeople(S.winter, S.cs) == 1)
        let leaders = "admin/\(S.summer)/离校办理统计-\(S.summer).xlsx"
        #expect(try season.cells(leaders).contains { $0.contains("转入其他批次 1 人") })
        let collegeSheet = try season.sheetRows(leaders, sheet: 1)
        #expect(collegeSheet.first { $0.first == S.cs }?[1] == "1")
        let itemSheet = try season.sheetRows("departments/图书馆/\(S.summer)/办理统计-图书馆-\(S.summer).xlsx", sheet: 0)
        #expect(itemSheet.first { $0.first == S.cs }?[1] == "1")

        // history: 转出 in the old batch and 转入 in the new, with the file; the old batch's statuses stay.
        let history = season.lixiao(["history", "2023110102"])
        #expect(history.standardOutput.contains("转出 (moved out) to \(S.winter)"), "\(history.standardOutput)")
        #expect(history.standardOutput.contains("转入 (moved in) from \(S.summer)"))
        #expect(history.standardOutput.contains("学籍更新.xlsx 行2"))
        #expect(history.standardOutput.contains("图书馆: 1 未办理 → 3 已办理"))
        let records =
            try JSONSerialization.jsonObject(
                with: Data(season.lixiao(["history", "2023110102", "--json"]).standardOutput.utf8)) as? [[String: Any]]
        let moves = (records ?? []).filter { $0["kind"] as? String == "move" }
        #expect(Set(moves.compactMap { $0["batch"] as? String }) == ["2027-winter", "2027-summer"])
        #expect(moves.allSatisfy { $0["old"] as? String == "2027-summer" && $0["new"] as? String == "2027-winter" })

        // A department returning the old batch's export for them is told where they went.
        try season.edit(downloaded, into: "departments/图书馆", as: "旧表.xlsx", ["2023110102", "办理备注=补记"])
        #expect(season.run().status == 0)
        let stale = try season.receiptRows("outbox/departments/图书馆/回执/旧表.xlsx.回执.xlsx")
        let error = stale.first { $0.count > 4 && $0[1] == "2023110102" }
        #expect(error?[3] == "错误")
        #expect(error?[4].contains("转入「\(S.winter)」") == true, "\(String(describing: error))")
        #expect(try season.item("2023110102", "图书馆")["remark"] as? String == "")

        let verify = season.lixiao(["verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        try season.expectReplayMatches("2023110102")
    }

    @Test("an issued person is never moved: the registry row is an error and changes nothing")
    func issuedNotMoved() throws {
        let season = try Season.started()
        for folder in [
            "图书馆", "财务处", "校园卡中心", "网络信息中心", "保卫处", "档案馆", "学生资助管理中心", "教务处",
            "学院党委/\(S.cs)",
        ] {
            try season.handMade(into: "departments/\(folder)", as: "办结.xlsx", ["学工号,办理状态", "2023110102,3"])
        }
        try season.handMade(into: "colleges/\(S.cs)/issuance", as: "发证.xlsx", ["学工号,确认发证", "2023110102,是"])
        #expect(season.run().status == 0)
        #expect(try season.show("2023110102")["issued"] as? Bool == true)
        let journal = season.journalLines("2027-summer")

        try season.handMade(
            into: "registry", as: "学籍更新.xlsx",
            [
                S.registryHeader,
                S.registryRow("2023110102", batch: S.winter).replacingOccurrences(of: "软工2301", with: "软工2302"),
            ])
        #expect(season.run().status == 0)
        let receipt = "outbox/admin/回执/学籍更新.xlsx.回执.xlsx"
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110102" }
        #expect(row?[3] == "错误")
        #expect(row?[4].contains("发放两证") == true, "\(String(describing: row))")
        #expect(row?[4].contains("不能转入「\(S.winter)」") == true)
        #expect(try season.receiptSummary(receipt)["转批次"] == "0")

        let person = try season.show("2023110102")
        #expect(person["batch"] as? String == S.summer)
        #expect(person["issued"] as? Bool == true)
        #expect((person["movedOut"] as? [Any])?.isEmpty == true)
        #expect(season.journalLines("2027-summer") == journal)  // not even the class changed
        #expect(season.journalLines("2027-winter") <= 3)
        #expect(try season.stats(S.summer)["people"] as? Int == 4)
        #expect(try season.stats(S.summer)["movedOut"] as? Int == 0)
        #expect(try season.cells("colleges/\(S.cs)/\(S.summer)/两证发放-\(S.cs)-\(S.summer).xlsx").contains("2023110102"))
        #expect(!season.lixiao(["history", "2023110102"]).standardOutput.contains("转出"))
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("a college withdraws its own person: gone from every output of the batch, kept in show and history")
    func collegeWithdrawal() throws {
        let season = try Season.started()
        // 张伟 applies (so he has a departure notice) and the library records a remark for him.
        try season.handMade(into: "applications", as: "申请.xlsx", ["学号,姓名,离校批次", "2023110101,张伟,\(S.summer)"])
        try season.handMade(into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态,办理备注", "2023110101,3,已还书"])
        #expect(season.run().status == 0)
        let notice = "notices/\(S.summer)/\(S.cs)/离校通知单-2023110101-张伟.xlsx"
        #expect(season.exists("outbox/" + notice))
        #expect(try season.cells("apartment/\(S.summer)/公寓办理概况-\(S.summer).xlsx").contains("10号楼"))

        try season.handMade(
            into: "colleges/\(S.cs)/roster", as: "撤销离校.xlsx", ["学工号,姓名,撤销原因", "2023110101,张伟,延期毕业"])
        #expect(season.run().status == 0)
        let receipt = "outbox/colleges/\(S.cs)/回执/离校人员导入/撤销离校.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(receipt)["撤销离校"] == "1")
        let row = try season.receiptRows(receipt).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(row?[3] == "已撤销")

        // show: 已撤销, by whom, when, why; exit 0; the record is kept.
        let person = try season.show("2023110101")
        #expect(person["status"] as? String == "withdrawn")
        #expect(person["batch"] as? String == S.summer)
        let withdrawal = person["withdrawal"] as? [String: Any]
        #expect(withdrawal?["reason"] as? String == "延期毕业")
        #expect(withdrawal?["college"] as? String == S.cs)
        #expect(withdrawal?["by"] as? String == "colleges/\(S.cs)/roster")
        #expect(withdrawal?["file"] as? String == "撤销离校.xlsx")
        #expect((withdrawal?["time"] as? String)?.isEmpty == false)
        #expect(try season.item("2023110101", "图书馆")["remark"] as? String == "已还书")
        let text = season.lixiao(["show", "2023110101"])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("已撤销离校"))
        #expect(text.standardOutput.contains("延期毕业"))
        let history = season.lixiao(["history", "2023110101"]).standardOutput
        #expect(history.contains("已撤销离校 (withdrawn) by \(S.cs); reason: 延期毕业"), "\(history)")
        #expect(history.contains("撤销离校.xlsx 行2"))

        // Every list, export, statistic and notice of the batch lost him.
        #expect(!season.exists("outbox/" + notice))
        for list in try season.listsOf(S.summer) {
            #expect(try !season.cells(list).contains("2023110101"), "\(list) still lists the withdrawn person")
        }
        // He was the only resident of 10号楼.
        #expect(try !season.cells("apartment/\(S.summer)/公寓办理概况-\(S.summer).xlsx").contains("10号楼"))
        let summer = try season.stats(S.summer)
        #expect(summer["people"] as? Int == 3)
        #expect(summer["withdrawn"] as? Int == 1)
        #expect(try season.collegePeople(S.summer, S.cs) == 1)
        let items = summer["items"] as? [[String: Any]] ?? []
        #expect(items.first { $0["name"] as? String == "图书馆" }?["done"] as? Int == 0)
        let leaders = "admin/\(S.summer)/离校办理统计-\(S.summer).xlsx"
        #expect(try season.cells(leaders).contains { $0.contains("已撤销离校 1 人") })
        #expect(try season.sheetRows(leaders, sheet: 1).first { $0.first == S.cs }?[1] == "1")

        // A department naming him gets a row error; so does an application of his.
        try season.handMade(into: "departments/财务处", as: "财务.xlsx", ["学工号,办理状态", "2023110101,3"])
        try season.handMade(into: "applications", as: "再申请.xlsx", ["学号,姓名,离校批次", "2023110101,张伟,\(S.summer)"])
        // The registrar's next export still lists him in the batch: the withdrawal stands, and the receipt says so.
        try season.handMade(
            into: "registry", as: "学籍库-再次.xlsx", [S.registryHeader, S.registryRow("2023110101", batch: S.summer)])
        #expect(season.run().status == 0)
        let finance = try season.receiptRows("outbox/departments/财务处/回执/财务.xlsx.回执.xlsx")
        #expect(finance.contains { $0.count > 4 && $0[1] == "2023110101" && $0[3] == "错误" && $0[4].contains("已撤销离校") })
        let application = try season.receiptRows("outbox/applications/回执/再申请.xlsx.回执.xlsx")
        #expect(application.contains { $0.count > 4 && $0[3] == "错误" && $0[4].contains("撤销") })
        let registry = "outbox/admin/回执/学籍库-再次.xlsx.回执.xlsx"
        #expect(try season.receiptSummary(registry)["已撤销离校（未恢复）"] == "1")
        let registryRow = try season.receiptRows(registry).first { $0.count > 4 && $0[1] == "2023110101" }
        #expect(registryRow?[3] == "已撤销")
        #expect(registryRow?[4].contains("延期毕业") == true)
        #expect(try season.show("2023110101")["status"] as? String == "withdrawn")
        #expect(!season.exists("outbox/" + notice))
        #expect(season.lixiao(["verify"]).status == 0)

        // Re-adding him through the college's roster restores him, with what was recorded before.
        try season.handMade(
            into: "colleges/\(S.cs)/roster", as: "恢复.xlsx", ["学工号,姓名,培养层次,离校批次", "2023110101,张伟,本科,\(S.summer)"])
        #expect(season.run().status == 0)
        let restored = try season.receiptRows("outbox/colleges/\(S.cs)/回执/离校人员导入/恢复.xlsx.回执.xlsx")
        #expect(restored.contains { $0.count > 4 && $0[1] == "2023110101" && $0[3] == "恢复离校" }, "\(restored)")
        let back = try season.show("2023110101")
        #expect(back["status"] as? String == "departing")
        #expect(back["withdrawal"] is NSNull)
        #expect(back["college"] as? String == S.cs)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        #expect(try season.cells("departments/图书馆/\(S.summer)/数据导出-图书馆-\(S.summer).xlsx").contains("2023110101"))
        #expect(try season.stats(S.summer)["people"] as? Int == 4)
        #expect(try season.stats(S.summer)["withdrawn"] as? Int == 0)
        #expect(season.exists("outbox/" + notice))
        #expect(season.lixiao(["history", "2023110101"]).standardOutput.contains("恢复离校"))
        #expect(season.lixiao(["verify"]).status == 0)
        try season.expectReplayMatches("2023110101")
    }

    @Test("a college cannot withdraw another college's person: a row error naming that college")
    func otherCollege() throws {
        let season = try Season.started()
        let advisorSheet = "advisors/T2003015/\(S.summer)/导师签字-陈教授-\(S.summer).xlsx"
        #expect(season.exists("outbox/" + advisorSheet))
        try season.handMade(
            into: "colleges/\(S.cs)/roster", as: "撤销.xlsx",
            [
                "学工号,姓名,撤销原因", "2024210305,李娜,误报", "2023110102,王芳,", "2023110101,张三,误报",
                "2023110101-2023110102,,误报",
            ])
        #expect(season.run().status == 0)
        let receipt = "outbox/colleges/\(S.cs)/回执/离校人员导入/撤销.xlsx.回执.xlsx"
        let rows = try season.receiptRows(receipt)
        let other = rows.first { $0.count > 4 && $0[1] == "2024210305" }
        #expect(other?[3] == "错误")
        #expect(other?[4].contains("此人属于「外国语学院」") == true, "\(String(describing: other))")
        #expect(rows.contains { $0.count > 4 && $0[0] == "3" && $0[3] == "错误" && $0[4].contains("撤销原因") })
        #expect(rows.contains { $0.count > 4 && $0[0] == "4" && $0[3] == "错误" && $0[4].contains("姓名") })
        #expect(rows.contains { $0.count > 4 && $0[0] == "5" && $0[3] == "错误" && $0[4].contains("范围") })
        #expect(try season.receiptSummary(receipt)["撤销离校"] == "0")

        #expect(try season.show("2024210305")["status"] as? String == "departing")
        #expect(try season.show("2023110102")["status"] as? String == "departing")
        #expect(try season.show("2023110101")["status"] as? String == "departing")
        #expect(try season.stats(S.summer)["withdrawn"] as? Int == 0)
        #expect(try season.collegePeople(S.summer, "外国语学院") == 1)
        #expect(season.exists("outbox/" + advisorSheet))
        #expect(!season.lixiao(["history", "2024210305"]).standardOutput.contains("撤销"))

        // Her own college can; her advisor's sheet then goes, having no one left on it.
        try season.handMade(
            into: "colleges/外国语学院/roster", as: "撤销.xlsx", ["学工号,姓名,离校批次,撤销原因", "2024210305,李娜,\(S.summer),误报"])
        #expect(season.run().status == 0)
        #expect(try season.show("2024210305")["status"] as? String == "withdrawn")
        #expect(!season.exists("outbox/" + advisorSheet))
        #expect(try season.collegePeople(S.summer, "外国语学院") == 0)
        #expect(season.lixiao(["verify"]).status == 0)
        try season.expectReplayMatches("2024210305")
    }
}
