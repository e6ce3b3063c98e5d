import Clearance
public import Foundation
import Logging
import Reports

/// `lixiao demo`: a generated university plays a clearance season through its shared folder, step by step.
public struct DemoSeason {
    public let workspace: Workspace
    public let people: Int
    public let seed: UInt64
    /// Receives each line of the story as it happens.
    public let say: (String) -> Void
    /// When given, the season is played at a fixed clock: the first round at this instant, each later round
    /// three days on, so the same seed gives the same outbox, cell for cell.
    public let start: Date?
    /// The zone staff read times in: the machine's, unless a test fixes it.
    public let zone: TimeZone

    public init(
        workspace: Workspace, people: Int, seed: UInt64, start: Date? = nil, zone: TimeZone = .current,
        say: @escaping (String) -> Void
    ) {
        self.workspace = workspace
        self.people = people
        self.seed = seed
        self.start = start
        self.zone = zone
        self.say = say
    }

    /// Lays out the root and drops the generated registry export into `inbox/registry/`, processing nothing:
    /// what a benchmark of intake starts from (`lixiao run` then takes it in).
    public func dropRegistry() throws {
        guard !FileManager.default.fileExists(atPath: workspace.ledger + "/.lock") else {
            throw DemoError("\(workspace.root) already holds a ledger; give the demo an empty --root")
        }
        try FolderLayout.create(workspace)
        let population = DemoPeople(count: people, seed: seed, university: workspace.university)
        let path = workspace.registryInbox + "/学籍库导出.xlsx"
        try DemoFiles.registry(population, to: path)
        say("Dropped the registrar's export of \(people) people at \(path); `lixiao run` takes it in.")
    }

    public func play() throws {
        guard !FileManager.default.fileExists(atPath: workspace.ledger + "/.lock") else {
            throw DemoError("\(workspace.root) already holds a ledger; give the demo an empty --root")
        }
        try FolderLayout.create(workspace)
        let session = try LedgerSession(workspace: workspace)
        let university = workspace.university
        let population = DemoPeople(count: people, seed: seed, university: university)
        var random = SeededRandom(seed: seed &+ 1)
        let steps = DemoSteps(
            workspace: workspace, signer: session.originSigner, say: say, start: start, zone: zone)

        say("1. The registrar's system drops its export of \(people) people into inbox/registry/.")
        try DemoFiles.registry(population, to: workspace.registryInbox + "/学籍库导出.xlsx")
        try steps.run(session, round: 0)

        guard let summer = session.states.first(where: { !$0.members.isEmpty }) else {
            throw DemoError("no departing people were generated; try more --people")
        }
        let batch = summer.batch
        say("2. Departments collect their exports from outbox/ and return them.")
        try steps.libraryReturns(batch: batch, random: &random)
        try steps.financeReturnAsXls(batch: batch)
        try steps.cardCentreCSV(state: summer)
        try steps.networkRangeRow(state: summer)
        try steps.advisorSignatures(state: summer)
        try steps.clearOneClass(state: summer)
        try steps.badFile()
        try steps.run(session, round: 1)

        say("3. The college returns its issuance list; a graduate applies for self-service departure.")
        try steps.issuance(state: session.states.first { $0.batch.id == batch.id } ?? summer)
        try steps.applications(population: population, batch: batch)
        try steps.preview(batch: batch)
        try steps.run(session, round: 2)

        say("4. People leave the batch: the registrar defers one graduate, a college withdraws one person.")
        try steps.leaving(state: session.states.first { $0.batch.id == batch.id } ?? summer)
        try steps.run(session, round: 3)

        let statistics = BatchStatistics(
            state: session.states.first { $0.batch.id == batch.id } ?? summer,
            university: university)
        let eligible = statistics.colleges.reduce(0) { $0 + $1.eligible }
        let issued = statistics.colleges.reduce(0) { $0 + $1.issued }
        say("")
        say(
            "Season so far in \(batch.name): \(statistics.people) people, \(eligible) eligible, \(issued) issued "
                + "(\(statistics.movedOut) moved out, \(statistics.withdrawn) withdrawn: in no list or figure).")
        say("Where to look (under \(workspace.root)):")
        say("  outbox/departments/图书馆/回执/          receipts: applied, unchanged, conflicts (the stale copy), errors")
        say("  outbox/departments/<部门>/\(batch.name)/   数据导出, 催办名单, 办理统计 for each department")
        say("  outbox/colleges/<学院>/\(batch.name)/      可发证, 已发证, 未完成, 两证发放统计")
        say("  outbox/advisors/<导师工号>/                 each advisor's students")
        say("  outbox/admin/\(batch.name)/               leaders' statistics with charts")
        say("  outbox/apartment/\(batch.name)/           per-building overview (the apartment centre only)")
        say("  outbox/notices/, outbox/applications/回执/  departure notices and application answers")
        say("  ledger/\(batch.id)/journal.tsv            every change, hash-chained (lixiao history, or less)")
        say("Try: lixiao stats --root \(workspace.root) --batch \(batch.id)")
        say("     lixiao verify --root \(workspace.root)")
    }
}
