import Clearance
import Foundation
import Ledger
import Sheets
import Testing

@testable import Pipeline

/// A root folder with the default pipeline and the registry fixture taken in, opened in-process.
struct Taken {
    let root: String
    let workspace: Workspace

    init() throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("lixiao-regen-\(UUID().uuidString.prefix(8))")
            .path
        workspace = Workspace(root: root, definition: try PipelineDefinition.builtIn())
        try FolderLayout.create(workspace)
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/registry.xlsx")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: workspace.registryInbox + "/registry.xlsx")
        let session = try LedgerSession(workspace: workspace)
        _ = try PipelineRun(session: session, settleSeconds: 0, logger: .init(label: "test")).run()
    }

    /// Opens the ledger, lets `body` use it, and closes it (releasing the lock).
    func withSession<T>(_ body: (LedgerSession) throws -> T) throws -> T {
        let session = try LedgerSession(workspace: workspace)
        return try body(session)
    }

    /// Every file under outbox/ with its modification time and inode, to tell rewritten files apart.
    func outboxFiles() -> [String: String] {
        var files: [String: String] = [:]
        let outbox = workspace.outbox
        guard let walker = FileManager.default.enumerator(atPath: outbox) else { return files }
        for case let path as String in walker where path.hasSuffix(".xlsx") && !path.contains("回执") {
            var status = stat()
            guard stat(outbox + "/" + path, &status) == 0 else { continue }
            files[path] = "\(status.st_ino)-\(status.st_mtim.tv_sec)-\(status.st_mtim.tv_nsec)"
        }
        return files
    }

    func rows(_ relative: String, sheet: Int = 0) throws -> [[String]] {
        try SpreadsheetReader(path: workspace.outbox + "/" + relative).rows(inSheet: sheet).map { $0.cells.map(\.text) }
    }
}

@Suite("Regenerating the outbox from the ledger", .serialized)
struct RegenerationTests {
    @Test("every role's files appear where DESIGN.md puts them; the apartment overview only under apartment/")
    func layout() throws {
        let taken = try Taken()
        let summary = try taken.withSession { try Regenerator(session: $0).regenerate() }
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        let files = taken.outboxFiles().keys.sorted()
        #expect(files.contains { $0.hasPrefix("departments/图书馆/2027届夏季毕业/数据导出") })
        #expect(files.contains { $0.hasPrefix("departments/图书馆/2027届夏季毕业/催办名单") })
        #expect(files.contains { $0.hasPrefix("departments/学院党委/计算机科学与技术学院/2027届夏季毕业/数据导出") })
        #expect(files.contains { $0.hasPrefix("colleges/计算机科学与技术学院/2027届夏季毕业/") })
        #expect(files.contains { $0.hasPrefix("advisors/T2003015/2027届夏季毕业/") })
        #expect(files.contains { $0.hasPrefix("admin/2027届夏季毕业/") })
        #expect(files.contains { $0.hasPrefix("templates/离校人员导入模板") })
        let overviews = files.filter { $0.contains("公寓办理概况") }
        #expect(!overviews.isEmpty)
        #expect(overviews.allSatisfy { $0.hasPrefix("apartment/") })
    }

    @Test("an item's export lists exactly the people it applies to; a college's files hold only its people")
    func scope() throws {
        let taken = try Taken()
        _ = try taken.withSession { try Regenerator(session: $0).regenerate() }
        let files = taken.outboxFiles().keys
        let apartment = try #require(files.first { $0.hasPrefix("departments/学生公寓管理中心/2027届夏季毕业/数据导出") })
        let apartmentIDs = Set(
            try taken.rows(apartment).compactMap { $0.first }.filter { $0.allSatisfy(\.isNumber) && $0.count > 6 })
        #expect(apartmentIDs == ["2023110101", "2024210305", "2023110199"])  // the residents of the summer batch
        let graduate = try #require(files.first { $0.hasPrefix("departments/研究生院/2027届夏季毕业/数据导出") })
        let graduateIDs = Set(
            try taken.rows(graduate).compactMap { $0.first }.filter { $0.allSatisfy(\.isNumber) && $0.count > 6 })
        #expect(graduateIDs == ["2024210305"])
        let college = try #require(files.first { $0.hasPrefix("colleges/外国语学院/2027届夏季毕业/") })
        let reader = try SpreadsheetReader(path: taken.workspace.outbox + "/" + college)
        var ids = Set<String>()
        for sheet in reader.sheets.indices where !reader.sheets[sheet].isHidden {
            for row in try reader.rows(inSheet: sheet) {
                for cell in row.cells where cell.text.count == 10 && cell.text.allSatisfy(\.isNumber) {
                    ids.insert(cell.text)
                }
            }
        }
        #expect(ids == ["2024210305"])
    }

    @Test("regenerating with nothing changed rewrites no file; deleting the outbox gives the same cells back")
    func idempotent() throws {
        let taken = try Taken()
        _ = try taken.withSession { try Regenerator(session: $0).regenerate() }
        let before = taken.outboxFiles()
        let again = try taken.withSession { try Regenerator(session: $0).regenerate() }
        #expect(again.written.isEmpty)
        #expect(taken.outboxFiles() == before)
        let sample = try #require(before.keys.first { $0.contains("数据导出-图书馆") })
        let cells = try taken.rows(sample)
        let origin = try taken.rows(sample, sheet: 1)
        // The ledger moves on elsewhere (finance), then the outbox is deleted: the library export comes back
        // with the same cells, its origin included.
        try taken.withSession { session in
            let ledger = try #require(session.ledgers["2027-summer"])
            try ledger.append(
                [(.statusSet("2023110101", "finance", old: .initial, new: ItemState(status: .done)), nil)],
                time: LocalZone.ledgerText(Date()), actor: "departments/财务处", source: "")
            _ = try Regenerator(session: session).regenerate()
        }
        try FileManager.default.removeItem(atPath: taken.workspace.outbox + "/departments")
        let rebuilt = try taken.withSession { try Regenerator(session: $0).regenerate() }
        #expect(!rebuilt.written.isEmpty)
        #expect(try taken.rows(sample) == cells)
        #expect(try taken.rows(sample, sheet: 1) == origin)
    }

    @Test("a change to one item rewrites only that item's files, the affected college workbook and the statistics")
    func incremental() throws {
        let taken = try Taken()
        _ = try taken.withSession { try Regenerator(session: $0).regenerate() }
        let before = taken.outboxFiles()
        try taken.withSession { session in
            let ledger = try #require(session.ledgers["2027-summer"])
            try ledger.append(
                [
                    (
                        .statusSet(
                            "2023110101", "library", old: .initial,
                            new: ItemState(status: .done, remark: "已还书")), nil
                    )
                ],
                time: LocalZone.ledgerText(Date()), actor: "departments/图书馆", source: "")
            _ = try Regenerator(session: session).regenerate()
        }
        let after = taken.outboxFiles()
        let rewritten = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(rewritten.contains { $0.hasPrefix("departments/图书馆/2027届夏季毕业/") })
        #expect(rewritten.contains { $0.hasPrefix("colleges/计算机科学与技术学院/2027届夏季毕业/") })
        #expect(rewritten.contains { $0.hasPrefix("admin/2027届夏季毕业/") })
        #expect(!rewritten.contains { $0.hasPrefix("departments/财务处/") })
        #expect(!rewritten.contains { $0.hasPrefix("colleges/外国语学院/") })
        #expect(!rewritten.contains { $0.hasPrefix("templates/") })
        #expect(!rewritten.contains { $0.hasPrefix("apartment/") })
    }
}
