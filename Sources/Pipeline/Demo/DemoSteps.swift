import Clearance
import Foundation
import Logging
import Reports

/// The individual moves of the demo season: each writes the files a person would drop.
struct DemoSteps {
    let workspace: Workspace
    /// The installation's origin signer, to read the exports and write the returns as staff would.
    let signer: OriginSigner
    let say: (String) -> Void
    /// The first round's clock when the season is played at a fixed clock (each later round three days on);
    /// `nil` for the real clock.
    var start: Date?
    /// The zone staff read times in.
    var zone: TimeZone = .current

    /// Processes the inbox and regenerates the outbox, reporting each receipt; `round` counts from 0.
    func run(_ session: LedgerSession, round: Int) throws {
        var logger = Logger(label: "lixiao.demo")
        logger.logLevel = .error
        let clock =
            start.map { start in
                let now = start.addingTimeInterval(Double(round) * 3 * 86_400)
                return RunClock(now: { now }, zone: zone)
            } ?? RunClock(zone: zone)
        let summary = try PipelineRun(session: session, settleSeconds: 0, clock: clock, logger: logger).run()
        for line in summary.receipts { say("   \(line.folder)/\(line.fileName): \(line.outcome)") }
        let outputs = try Regenerator(session: session, clock: clock).regenerate()
        say(
            String(
                format: "   outbox: %d files written, %d unchanged (%.1f s)", outputs.written.count, outputs.unchanged,
                outputs.seconds))
        for failure in outputs.failures { say("   output failed: \(failure)") }
    }

    private func exportPath(_ item: Item, college: College?, batch: Batch) -> String {
        let folder = college.map { "\(item.folder)/\($0.folder)" } ?? item.folder
        return workspace.outbox + "/departments/\(folder)/\(batch.name)/"
            + DepartmentExport.fileName(item: item, college: college, batch: batch)
    }

    private func inbox(_ relative: String) -> String {
        let path = workspace.inbox + "/" + relative
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func item(_ id: String) throws -> Item {
        guard let item = workspace.university.item(ItemID(id)) else {
            throw DemoError("the pipeline has no item \(id)")
        }
        return item
    }

    /// The library returns its export, and a colleague returns an older copy of the same export (a stale return).
    func libraryReturns(batch: Batch, random: inout SeededRandom) throws {
        let library = try item("library")
        let original = try DemoFiles.Sheet(reading: exportPath(library, college: nil, batch: batch), signer: signer)
        guard let status = original.column("办理状态"), let remark = original.column("办理备注") else {
            throw DemoError("the library export has no 办理状态 column")
        }
        var first = original
        var second = original
        let dataRows = Array((status.row + 1)..<original.rows.count).filter { !original.rows[$0].isEmpty }
        for row in dataRows {
            let roll = random.next(100)
            if roll < 70 {
                first.set(row, status.column, Status.done.label)
                first.set(row, remark.column, "已还书")
            } else if roll < 75 {
                first.set(row, status.column, Status.notRequired.label)
            } else if roll < 80 {
                first.set(row, remark.column, "欠书 \(random.next(3) + 1) 本")
            }
        }
        for row in dataRows.prefix(5) { second.set(row, status.column, Status.notRequired.label) }
        for row in dataRows.dropFirst(5).prefix(5) { second.set(row, remark.column, "核对中") }
        try first.writeXlsx(to: inbox("departments/\(library.folder)") + "/图书馆-张老师-已填写.xlsx")
        Thread.sleep(forTimeInterval: 0.02)
        try second.writeXlsx(to: inbox("departments/\(library.folder)") + "/图书馆-李老师-旧副本.xlsx")
        say("   图书馆: two people edited copies of the same export; the second copy is stale in 5 rows")
    }

    /// Finance saves its return as a legacy .xls (through LibreOffice, when it is installed).
    func financeReturnAsXls(batch: Batch) throws {
        let finance = try item("finance")
        var sheet = try DemoFiles.Sheet(reading: exportPath(finance, college: nil, batch: batch), signer: signer)
        guard let status = sheet.column("办理状态"), let remark = sheet.column("办理备注") else { return }
        for (offset, row) in ((status.row + 1)..<sheet.rows.count).enumerated() where !sheet.rows[row].isEmpty {
            sheet.set(row, status.column, offset % 10 == 9 ? Status.pending.label : Status.done.label)
            if offset % 10 == 9 { sheet.set(row, remark.column, "欠住宿费") }
        }
        let scratch = NSTemporaryDirectory() + "lixiao-demo-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let xlsx = scratch + "/财务处回传.xlsx"
        try sheet.writeXlsx(to: xlsx)
        let folder = inbox("departments/\(finance.folder)")
        if let xls = DemoFiles.convertToXls(xlsx, into: scratch) {
            try FileManager.default.moveItem(atPath: xls, toPath: folder + "/财务处回传.xls")
            say("   财务处: returned as a legacy .xls saved by LibreOffice")
        } else {
            try FileManager.default.moveItem(atPath: xlsx, toPath: folder + "/财务处回传.xlsx")
            say("   财务处: returned as .xlsx (LibreOffice is not installed, so no .xls this time)")
        }
    }

    /// The campus card centre keeps its own list and returns a GBK CSV, without origin.
    func cardCentreCSV(state: BatchState) throws {
        let card = try item("card")
        var rows = [["学工号", "办理状态", "办理备注"]]
        for record in state.members.prefix(200) { rows.append([record.person.id.rawValue, "已办理", "卡已注销"]) }
        try DemoFiles.Sheet(rows: rows).writeGBKCSV(to: inbox("departments/\(card.folder)") + "/校园卡注销名单.csv")
        say("   校园卡中心: a hand-made GBK CSV of \(rows.count - 1) rows")
    }

    /// The network centre clears a block of IDs with one range row.
    func networkRangeRow(state: BatchState) throws {
        let network = try item("network")
        let ids = state.members.map(\.person.id).sorted()
        guard let first = ids.first, let low = UInt64(first.rawValue) else { return }
        // A block of at most 150 consecutive numbers from the first ID, as a department would type it.
        let last =
            ids.last { $0.rawValue.count == first.rawValue.count && (UInt64($0.rawValue) ?? .max) < low + 150 }
            ?? first
        let rows = [["学工号", "办理状态", "办理备注"], ["\(first.rawValue)-\(last.rawValue)", "3", "账号已注销（批量）"]]
        try DemoFiles.Sheet(rows: rows).writeXlsx(to: inbox("departments/\(network.folder)") + "/批量注销.xlsx")
        say("   网络信息中心: one range row \(first.rawValue)-\(last.rawValue)")
    }

    /// The advisor with the most students signs them all.
    func advisorSignatures(state: BatchState) throws {
        var counts: [String: Int] = [:]
        for record in state.members where record.person.hasAdvisor { counts[record.person.advisorID, default: 0] += 1 }
        guard let advisor = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { return }
        let folder = workspace.outbox + "/advisors/\(advisor)/\(state.batch.name)"
        guard
            let name = try FileManager.default.contentsOfDirectory(atPath: folder).first(where: {
                $0.hasSuffix(".xlsx")
            })
        else { return }
        var sheet = try DemoFiles.Sheet(reading: folder + "/" + name, signer: signer)
        guard let signature = sheet.column("签字") else { return }
        for row in (signature.row + 1)..<sheet.rows.count where !sheet.rows[row].isEmpty {
            sheet.set(row, signature.column, "是")
        }
        try sheet.writeXlsx(to: inbox("advisors/\(advisor)") + "/导师签字.xlsx")
        say("   导师 \(advisor): signs for \(counts[advisor] ?? 0) students")
    }

    /// Every department clears one undergraduate class, so its people become eligible.
    func clearOneClass(state: BatchState) throws {
        guard let college = workspace.university.colleges.first,
            let className = state.members.first(where: { $0.person.college == college.name && $0.person.level == "本科" }
            )?
            .person.className
        else { return }
        let people = state.members.filter { $0.person.className == className }.map(\.person)
        for item in workspace.university.items where item.scope != .advisor {
            let applicable = people.filter { item.applies(to: $0) }
            guard !applicable.isEmpty else { continue }
            let rows = [["学工号", "姓名", "办理状态"]] + applicable.map { [$0.id.rawValue, $0.name, "3 已办理"] }
            let folder =
                item.scope == .college ? "departments/\(item.folder)/\(college.folder)" : "departments/\(item.folder)"
            try DemoFiles.Sheet(rows: rows).writeXlsx(to: inbox(folder) + "/\(className)-办结.xlsx")
        }
        say("   every department: class \(className) (\(people.count) people) cleared")
    }

    /// Someone drops a web page saved as .xls, as an old portal exported it.
    func badFile() throws {
        let archives = try item("archives")
        let html = "<html><body><table><tr><td>学号</td><td>办理状态</td></tr></table></body></html>"
        try Data(html.utf8).write(to: URL(fileURLWithPath: inbox("departments/\(archives.folder)") + "/lixiao.xls"))
        say("   档案馆: drops a web page named lixiao.xls by mistake")
    }

    /// The first college confirms issuance for everyone on its 可发证 list.
    func issuance(state: BatchState) throws {
        guard let college = workspace.university.colleges.first else { return }
        let path =
            workspace.outbox + "/colleges/\(college.folder)/\(state.batch.name)/"
            + CollegeWorkbook.fileName(college: college, batch: state.batch)
        var sheet = try DemoFiles.Sheet(reading: path, signer: signer)
        guard let confirm = sheet.column("确认发证") else { return }
        var count = 0
        for row in (confirm.row + 1)..<sheet.rows.count where !sheet.rows[row].isEmpty {
            sheet.set(row, confirm.column, "是")
            count += 1
        }
        try sheet.writeXlsx(to: inbox("colleges/\(college.folder)/issuance") + "/发证确认.xlsx")
        say("   \(college.name): confirms issuance for \(count) people")
    }

    /// A registry student not departing this year applies to leave now; a stranger applies too.
    func applications(population: DemoPeople, batch: Batch) throws {
        var rows = [["学号", "姓名", "离校批次"]]
        if let staying = population.entries.first(where: { $0.person.batch.isEmpty }) {
            rows.append([staying.person.id.rawValue, staying.person.name, batch.name])
        }
        rows.append(["2099999999", "路人甲", batch.name])
        try DemoFiles.Sheet(rows: rows).writeXlsx(to: inbox("applications") + "/自助离校申请.xlsx")
        say("   applications: one student with status applies; one person without student status applies")
    }

    /// The registrar defers one graduate to another batch (the next export names it); a college withdraws one of
    /// its people entered by mistake. Both come from a college that has not issued certificates in the demo.
    func leaving(state: BatchState) throws {
        let university = workspace.university
        guard
            let college = university.colleges.dropFirst().first(where: { college in
                state.members.filter { $0.person.college == college.name }.count >= 2
            })
        else { return }
        let people = state.members.filter { $0.person.college == college.name && !$0.isIssued }.map(\.person)
        guard people.count >= 2 else { return }
        if let other = university.batches.first(where: { $0.id != state.batch.id }) {
            let moved = people[0]
            let fields: [ProfileField] = [
                .name, .gender, .college, .major, .className, .level, .advisorID, .advisorName, .building, .room,
            ]
            let header = ["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "导师工号", "导师姓名", "公寓楼", "房间", "离校批次"]
            let rows = [header, [moved.id.rawValue] + fields.map { moved[$0] } + [other.name]]
            try DemoFiles.Sheet(rows: rows).writeXlsx(to: inbox("registry") + "/学籍库-延期毕业.xlsx")
            say(
                "   registry: \(moved.name) is deferred to \(other.name) (moved; \(state.batch.name) keeps the history)"
            )
        }
        let withdrawn = people[1]
        let rows = [["学工号", "姓名", "撤销原因"], [withdrawn.id.rawValue, withdrawn.name, "误报：本学期不毕业"]]
        try DemoFiles.Sheet(rows: rows).writeXlsx(to: inbox("colleges/\(college.folder)/roster") + "/撤销离校.xlsx")
        say("   \(college.name): withdraws \(withdrawn.name), entered by mistake (撤销离校, with the reason)")
    }

    /// A department tries a file in its preview folder first.
    func preview(batch: Batch) throws {
        let aid = try item("aid")
        var sheet = try DemoFiles.Sheet(reading: exportPath(aid, college: nil, batch: batch), signer: signer)
        guard let status = sheet.column("办理状态") else { return }
        for row in (status.row + 1)..<sheet.rows.count where !sheet.rows[row].isEmpty {
            sheet.set(row, status.column, Status.done.label)
        }
        try sheet.writeXlsx(to: inbox("departments/\(aid.folder)/\(ReturnFolder.previewName)") + "/资助回传-试一下.xlsx")
        say("   学生资助管理中心: tries its return in the 预览 folder first (nothing changes)")
    }
}
