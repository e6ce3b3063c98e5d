import Clearance
import Foundation
import Ledger
import Logging
import Testing

@testable import Pipeline

/// DESIGN.md §4 under storage faults: a season (registry, a roster, department returns by item and by college,
/// a range row, an advisor's signature, an application, an issuance confirmation, a bad file, two regenerations)
/// is played with the Nth storage call of the session failing — every call of the season in turn, with EIO and
/// with ENOSPC, once and from then on, and then again while the next session recovers — and is then finished
/// with the fault cleared. Every time the season invariant holds: `verify` passes; every dropped file has exactly
/// one receipt and its archive record ends `done`; the states equal an uninterrupted season's; the outbox holds
/// what a fresh regeneration makes.
///
/// `LIXIAO_FAULT_STEP` sets the stride over the calls (default: about 16 points per kind; `make test-long` sets 1,
/// every call).
@Suite("Fault loops over a season", .serialized)
struct FaultLoopTests {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    /// 2027-06-01 09:00 in Beijing: every round of every season runs at this instant, so receipts, journals and
    /// outputs of two seasons can be compared.
    static let clock = RunClock(now: { Date(timeIntervalSince1970: 1_811_811_600) }, zone: zone)
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// One file of the season: its inbox folder, name and bytes.
    struct Drop {
        var folder: String
        var name: String
        var bytes: [UInt8]
        /// Where its receipt goes, relative to outbox/.
        var receipts: String
    }

    static func csv(_ folder: String, _ name: String, _ lines: [String], receipts: String) -> Drop {
        Drop(
            folder: folder, name: name,
            bytes: [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8),
            receipts: receipts)
    }

    /// The season in two waves: intake, then the returns.
    static func waves() throws -> [[Drop]] {
        let registry = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("registry.xlsx")))
        let roster = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("roster-cs.xlsx")))
        let intake = [
            Drop(folder: "registry", name: "registry.xlsx", bytes: registry, receipts: "admin/回执"),
            Drop(
                folder: "colleges/计算机科学与技术学院/roster", name: "roster-cs.xlsx", bytes: roster,
                receipts: "colleges/计算机科学与技术学院/回执/离校人员导入"),
        ]
        let returns = [
            csv(
                "departments/图书馆", "回传1.csv", ["学工号,办理状态,办理备注", "2023110101,3,已还书", "2024210305,2,"],
                receipts: "departments/图书馆/回执"),
            csv("departments/财务处", "回传2.csv", ["学工号,办理状态,办理备注", "2022310017,3,已结清"], receipts: "departments/财务处/回执"),
            csv(
                "departments/学院党委/外国语学院", "党委.csv", ["学工号,办理状态", "2024210305,3"],
                receipts: "departments/学院党委/外国语学院/回执"),
            csv("advisors/T2003015", "签字.csv", ["学工号,签字", "2024210305,是"], receipts: "advisors/T2003015/回执"),
            csv(
                "departments/网络信息中心", "批量.csv", ["学工号,办理状态,办理备注", "2023110101-2023110101,3,批量注销"],
                receipts: "departments/网络信息中心/回执"),
            csv("applications", "申请.csv", ["学号,姓名,离校批次", "2024110001,孙强,2027届夏季毕业"], receipts: "applications/回执"),
            csv(
                "colleges/外国语学院/issuance", "发证.csv", ["学工号,确认发证", "2024210305,是"],
                receipts: "colleges/外国语学院/回执/发证确认"),
            Drop(
                folder: "departments/图书馆", name: "坏.xlsx", bytes: Array("not a workbook".utf8),
                receipts: "departments/图书馆/回执"),
        ]
        return [intake, returns]
    }

    /// A fresh root with the default pipeline laid out.
    static func root() throws -> Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-faults-\(UUID().uuidString.prefix(8))"
        ).path
        let workspace = Workspace(root: root, definition: try PipelineDefinition.builtIn())
        try FolderLayout.create(workspace)
        // Fixed keys: the exports' check codes and the notices' signatures are then the same in every season.
        try FileManager.default.createDirectory(atPath: workspace.ledger, withIntermediateDirectories: true)
        for (name, byte) in [("secret.key", "5a"), ("notice-signing.key", "3c")] {
            _ = FileManager.default.createFile(
                atPath: workspace.ledger + "/" + name, contents: Data((String(repeating: byte, count: 32) + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        }
        return workspace
    }

    static func drop(_ wave: [Drop], into workspace: Workspace) throws {
        for drop in wave {
            let folder = workspace.inbox + "/" + drop.folder
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: folder + "/" + drop.name, contents: Data(drop.bytes)) else {
                throw FaultLoopError("cannot drop \(drop.name)")
            }
        }
    }

    static let logger: Logger = {
        var logger = Logger(label: "fault-loop")
        logger.logLevel = .critical
        return logger
    }()

    /// Opens the ledger, waiting a little while another suite's child process (started in this test process
    /// between our closing the ledger and opening it again) still holds the lock's open file until its `exec`.
    static func open(_ workspace: Workspace, fileSystem: FileSystem = .live) throws -> LedgerSession {
        var attempts = 0
        while true {
            do {
                return try LedgerSession(workspace: workspace, fileSystem: fileSystem)
            } catch {
                guard case .locked = error.kind, attempts < 100 else { throw error }
                attempts += 1
                usleep(20_000)
            }
        }
    }

    /// One round as `lixiao run` makes it: the inbox, the outbox, the snapshots, through `fileSystem`.
    static func round(_ workspace: Workspace, fileSystem: FileSystem) throws {
        let session = try open(workspace, fileSystem: fileSystem)
        _ = try session.removeLeftoverTemporaryFiles()
        _ = try PipelineRun(session: session, settleSeconds: 0, clock: clock, logger: logger).run()
        let outputs = try Regenerator(session: session, clock: clock).regenerate()
        try session.writeSnapshots()
        if outputs.diskFailure { throw FaultLoopError("outputs: \(outputs.failures.first ?? "")") }
    }

    /// Plays the season's waves, each followed by a round, with `fileSystem`; stops at the first failure (as a
    /// process that met the error would) and returns how many waves were dropped and whether one failed.
    @discardableResult
    static func play(_ waves: [[Drop]], in workspace: Workspace, fileSystem: FileSystem) -> (dropped: Int, failed: Bool)
    {
        var dropped = 0
        for wave in waves {
            do {
                try drop(wave, into: workspace)
                dropped += 1
                try round(workspace, fileSystem: fileSystem)
            } catch {
                return (dropped, true)
            }
        }
        return (dropped, false)
    }

    /// What an uninterrupted season ends with.
    struct Outcome: Equatable {
        var states: [BatchState]
        var outputs: [String: String]
        var receipts: [String]
    }

    static func outcome(_ workspace: Workspace) throws -> Outcome {
        try outcome(workspace, session: try open(workspace))
    }

    static func outcome(_ workspace: Workspace, session: LedgerSession) throws -> Outcome {
        let index = try OutputIndex(path: workspace.ledger + "/outputs.tsv", store: session.store)
        var receipts: [String] = []
        let walker = FileManager.default.enumerator(atPath: workspace.outbox)
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix("回执.xlsx") { receipts.append(relative) }
        }
        return Outcome(
            states: session.states, outputs: index.entries.mapValues(\.fingerprint), receipts: receipts.sorted())
    }

    /// The season invariant, naming `context` in every failure.
    static func checkInvariant(_ workspace: Workspace, waves: [[Drop]], reference: Outcome, context: String) throws {
        let session = try open(workspace)
        for report in LedgerVerifier.verify(session) {
            #expect(report.isIntact, "\(context): \(report.summary)")
        }
        for drop in waves.joined() {
            #expect(
                !FileManager.default.fileExists(atPath: workspace.inbox + "/" + drop.folder + "/" + drop.name),
                "\(context): \(drop.name) is still in the inbox")
            let sha = SHA256Hex.of(drop.bytes)
            let lines = try session.store.archive.processing(sha)
            // `done`, or `finishing` when the fault hit the very last mark after the file left the inbox: its
            // receipt was written, its copy released and its inbox entry removed, so nothing is left to do.
            let last = lines.last ?? []
            #expect(
                last.count >= 5 && (last[4] == "done" || last[4] == "finishing"), "\(context): \(drop.name): \(lines)")
            // One receipt: an answer begun again after a fault names the same receipt, never a second one.
            #expect(
                Set(lines.compactMap { $0.count > 6 && !$0[6].isEmpty ? $0[6] : nil }).count == 1,
                "\(context): \(drop.name): \(lines)")
        }
        let outcome = try outcome(workspace, session: session)
        #expect(outcome.states == reference.states, "\(context): the states differ from an uninterrupted season's")
        #expect(outcome.receipts == reference.receipts, "\(context): receipts \(outcome.receipts)")
        let differing = Set(outcome.outputs.keys).union(reference.outputs.keys).filter {
            outcome.outputs[$0] != reference.outputs[$0]
        }
        #expect(differing.isEmpty, "\(context): the outbox differs from a fresh regeneration: \(differing.sorted())")
        for path in outcome.outputs.keys {
            #expect(FileManager.default.fileExists(atPath: workspace.outbox + "/" + path), "\(context): \(path)")
        }
    }

    /// The uninterrupted season's outcome and how many storage calls it made.
    static func uninterrupted(_ waves: [[Drop]]) throws -> (outcome: Outcome, calls: Int) {
        let reference = try root()
        defer { try? FileManager.default.removeItem(atPath: reference.root) }
        let counter = CallCounter()
        play(waves, in: reference, fileSystem: FileSystem.live.counting(into: counter))
        let outcome = try outcome(reference)
        #expect(outcome.receipts.count == waves.joined().count, "\(outcome.receipts)")
        #expect(counter.value > 500)
        return (outcome, counter.value)
    }

    /// Drops the waves not dropped yet, each followed by a round, and ends with one more round: the season
    /// finished with the disk healthy again.
    static func finish(_ waves: [[Drop]], from dropped: Int, in workspace: Workspace) throws {
        play(Array(waves[dropped...]), in: workspace, fileSystem: .live)
        try round(workspace, fileSystem: .live)
    }

    @Test("every storage call of a season failing, with EIO and ENOSPC, once and from then on, and in recovery")
    func faultLoops() throws {
        let waves = try Self.waves()
        let (expected, calls) = try Self.uninterrupted(waves)
        let step = ProcessInfo.processInfo.environment["LIXIAO_FAULT_STEP"].flatMap(Int.init) ?? max(1, calls / 16)
        var faulted = 0
        var failed = 0
        for (errno, name) in [(EIO, "EIO"), (ENOSPC, "ENOSPC")] {
            for times in [1, Int.max] {
                for call in stride(from: 0, to: calls, by: step) {
                    let workspace = try Self.root()
                    defer { try? FileManager.default.removeItem(atPath: workspace.root) }
                    let faulty = FileSystem.live.failingCall(after: call, with: errno, times: times)
                    let (dropped, stopped) = Self.play(waves, in: workspace, fileSystem: faulty)
                    if stopped { failed += 1 }
                    // The next start recovers through a disk that fails once more, early: recovery meets it too.
                    let recovery = FileSystem.live.failingCall(after: call % 40, with: EIO, times: 1)
                    try? Self.round(workspace, fileSystem: recovery)
                    // The fault cleared: the season is finished.
                    try Self.finish(waves, from: dropped, in: workspace)
                    let context = "\(name) at call \(call) of \(calls)" + (times == 1 ? " once" : " from then on")
                    try Self.checkInvariant(workspace, waves: waves, reference: expected, context: context)
                    faulted += 1
                }
            }
        }
        #expect(faulted >= 4 * (calls / step))
        // Most faults stop a round (the others hit a call whose failure is retried or harmless, such as a close).
        #expect(failed * 10 >= faulted * 7, "only \(failed) of \(faulted) faults stopped a round")
        print("fault loops: \(faulted) seasons, \(calls) storage calls each, step \(step), \(failed) stopped a round")
    }
}

struct FaultLoopError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
