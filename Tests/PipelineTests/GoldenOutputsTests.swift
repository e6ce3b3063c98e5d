import Clearance
import Foundation
import Reports
import Sheets
import Testing

@testable import Pipeline

/// What staff see, as text under review: one workbook of every kind from a fixed-seed demo season played at a
/// fixed clock in Beijing time with a fixed key, dumped from its model and compared with `Golden/<kind>.txt`.
///
/// A change to any output shows up as a diff of these files. After an intended change, regenerate them with
/// `LIXIAO_UPDATE_GOLDEN=1 swift test --filter GoldenOutputsTests` and review the diff before committing.
@Suite("Golden model dumps of every workbook kind", .serialized)
struct GoldenOutputsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3_600) ?? .current
    /// 2027-06-01 09:00 in Beijing; later rounds are three days apart.
    static let start = Date(timeIntervalSince1970: 1_811_811_600)

    /// The kinds, each with the first outbox path (in order) that is of that kind.
    static let kinds: [(name: String, matches: @Sendable (String) -> Bool)] = [
        ("department-export", { $0.hasPrefix("departments/图书馆/") && $0.contains("/数据导出-") }),
        ("department-export-college", { $0.hasPrefix("departments/学院党委/") && $0.contains("/数据导出-") }),
        ("pending-list", { $0.hasPrefix("departments/图书馆/") && $0.contains("/催办名单-") }),
        ("item-statistics", { $0.hasPrefix("departments/图书馆/") && $0.contains("/办理统计-") }),
        ("advisor-sheet", { $0.hasPrefix("advisors/") }),
        ("college-workbook", { $0.hasPrefix("colleges/") }),
        ("leaders-workbook", { $0.hasPrefix("admin/") }),
        ("apartment-overview", { $0.hasPrefix("apartment/") }),
        ("departure-notice", { $0.hasPrefix("notices/") && $0.hasSuffix(".xlsx") }),
        ("departure-notice-page", { $0.hasPrefix("notices/") && $0.hasSuffix(".pdf") }),
        ("template-roster", { $0 == "templates/离校人员导入模板.xlsx" }),
        ("template-department-return", { $0 == "templates/部门回传模板.xlsx" }),
        ("template-advisor", { $0 == "templates/导师签字模板.xlsx" }),
        ("template-issuance", { $0 == "templates/发证确认模板.xlsx" }),
        ("template-application", { $0 == "templates/自助离校申请模板.xlsx" }),
        ("template-withdrawal", { $0 == "templates/撤销离校模板.xlsx" }),
    ]

    /// Every output of the season's batches, as jobs with their stamps, in path order.
    static func season() throws -> [(job: OutputJob, stamp: OutputStamp)] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-golden-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let workspace = Workspace(root: root, definition: try PipelineDefinition.builtIn())
        try FileManager.default.createDirectory(atPath: workspace.ledger, withIntermediateDirectories: true)
        let key = String(repeating: "5a", count: 32) + "\n"
        _ = FileManager.default.createFile(
            atPath: workspace.ledger + "/secret.key", contents: Data(key.utf8), attributes: [.posixPermissions: 0o600])
        _ = FileManager.default.createFile(
            atPath: workspace.ledger + "/notice-signing.key",
            contents: Data((String(repeating: "3c", count: 32) + "\n").utf8),
            attributes: [.posixPermissions: 0o600])
        try DemoSeason(workspace: workspace, people: 120, seed: 7, start: start, zone: zone) { _ in }.play()

        let session = try LedgerSession(workspace: workspace)
        let last = start.addingTimeInterval(9 * 86_400)
        let clock = RunClock(now: { last }, zone: zone)
        let regenerator = Regenerator(session: session, clock: clock)
        var jobs = OutputPlan.templateJobs(workspace.university).map { ($0, OutputStamp.neutral) }
        let notices = try NoticeRequests(ledgerRoot: workspace.ledger, store: session.store).ids
        for state in session.states where !state.members.isEmpty {
            let context = try session.outputContext(for: state, clock: clock)
            let box = ProgressBox()
            box.value = try regenerator.clearanceProgress(of: state.batch)
            var plan = OutputPlan(context: context, inputs: OutputInputs(context), progress: box)
            plan.notices = notices
            let stamp = OutputStamp(sequence: context.sequence, generatedAt: context.generatedAt)
            jobs += plan.jobs.map { ($0, stamp) }
        }
        return jobs.sorted { $0.0.path < $1.0.path }
    }

    @Test("each kind's dump equals its golden file")
    func dumpsMatch() throws {
        let jobs = try Self.season()
        let update = ProcessInfo.processInfo.environment["LIXIAO_UPDATE_GOLDEN"] == "1"
        for kind in Self.kinds {
            let found = jobs.first { kind.matches($0.job.path) }
            let (job, stamp) = try #require(found, "no output of kind \(kind.name)")
            let body: String
            switch try job.value(stamp) {
            case .workbook(let model): body = model.dump(styleNames: ReportStyleNames.all, rowsPerSheet: 14)
            case .page(let page): body = page.dump()
            case .text(let bytes, _): body = String(decoding: bytes, as: UTF8.self)
            }
            let dump = "# \(job.path)\n" + body
            let file = Self.folder.appendingPathComponent(kind.name + ".txt")
            if update {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(dump.utf8).write(to: file)
                continue
            }
            let golden = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            let mismatch = zip(golden.split(separator: "\n"), dump.split(separator: "\n")).enumerated().first {
                $0.element.0 != $0.element.1
            }
            #expect(
                golden == dump,
                """
                \(kind.name) differs from Golden/\(kind.name).txt\
                \(mismatch.map { " at line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" } ?? "")
                (if intended: LIXIAO_UPDATE_GOLDEN=1 swift test --filter GoldenOutputsTests, then review the diff)
                """)
        }
    }

    @Test("the same season gives the same fingerprints and inputs; a fingerprint leaves the stamp out, whole")
    func fingerprintsAreStable() throws {
        let first = try Self.season()
        let second = try Self.season()
        #expect(first.map(\.job.path) == second.map(\.job.path))
        var stamped = 0
        for ((one, stamp), (other, _)) in zip(first, second) {
            let model = try one.value(stamp)
            #expect(model.fingerprint == (try other.value(stamp)).fingerprint, "\(one.path)")
            #expect(one.inputs == other.inputs, "\(one.path)")
            guard stamp != .neutral else { continue }
            // Built at another position and time, the same content has the same fingerprint: nothing the stamp
            // decides (times, export codes, check codes, the origin's position) leaks into it.
            let elsewhere = try one.value(OutputStamp(sequence: stamp.sequence + 7, generatedAt: "2030-01-01 08:00:00"))
            #expect(elsewhere != model, "\(one.path) prints its stamp")
            #expect(
                elsewhere.fingerprint == model.fingerprint, "\(one.path): the stamp leaks into its fingerprint")
            stamped += 1
        }
        #expect(stamped > 100)
    }
}
