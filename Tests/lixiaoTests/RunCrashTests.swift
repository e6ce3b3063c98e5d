import Foundation
import Glibc
import Testing

/// DESIGN.md §4's promise for the whole pipeline: a crash at any instant loses nothing accepted and applies
/// nothing twice. `lixiao run` is killed with SIGKILL at random moments while it works through a set of
/// returns; the season then finishes normally and must end exactly where an uninterrupted one does.
@Suite("Killing lixiao run", .serialized)
struct RunCrashTests {
    /// Drops the same set of returns into a season.
    private func dropReturns(_ season: Season) throws {
        try season.handMade(
            into: "departments/图书馆", as: "a.xlsx", ["学工号,办理状态,办理备注", "2023110101,3,已还书", "2023110102,2,"])
        try season.handMade(into: "departments/财务处", as: "b.csv", ["学工号,办理状态", "2023110101,3", "2024210305,3"])
        try season.handMade(into: "departments/网络信息中心", as: "c.xlsx", ["学工号,办理状态", "2023110101-2023110199,3"])
        try season.handMade(into: "departments/学院党委/外国语学院", as: "d.xlsx", ["学工号,办理状态", "2024210305,3"])
        try season.handMade(into: "advisors/T2003015", as: "e.xlsx", ["学工号,签字", "2024210305,是"])
        try season.handMade(into: "applications", as: "f.xlsx", ["学号,姓名,离校批次", "2024110001,孙强,2027届夏季毕业"])
    }

    /// Drops a registry export that moves 王芳 to the winter batch and a withdrawal of 张伟 by his college: each
    /// journals into both batches or after other files, so a kill can fall between the two halves.
    private func dropLeaving(_ season: Season) throws {
        try season.handMade(
            into: "registry", as: "g.xlsx",
            [Season.registryHeader, Season.registryRow("2023110102", batch: Season.winter)])
        try season.handMade(
            into: "colleges/\(Season.cs)/roster", as: "h.xlsx", ["学工号,姓名,撤销原因", "2023110101,张伟,延期毕业"])
    }

    /// Each person's `show --json`, with the times of moves and withdrawals (which differ between two seasons) left
    /// out.
    private func outcome(_ season: Season) -> [String] {
        ["2023110101", "2023110102", "2024210305", "2023110199", "2024110001"].map { id in
            season.lixiao(["show", id, "--json"]).standardOutput.replacing(/"time": "[^"]*"/, with: "\"time\": \"\"")
        }
    }

    @Test(
        "after SIGKILLs at random moments and a normal run, the ledger equals an uninterrupted season's",
        arguments: [false, true])
    func killedRuns(leaving: Bool) throws {
        let reference = try Season.started()
        try dropReturns(reference)
        if leaving { try dropLeaving(reference) }
        #expect(reference.run().status == 0)
        let expected = outcome(reference)

        let season = try Season.started()
        try dropReturns(season)
        if leaving { try dropLeaving(season) }
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var random = SplitMix(seed: seed)
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Lixiao.executable)
            process.arguments = ["run", "--root", season.root.path, "--settle", "0"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double(random.next() % 450) / 1000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let final = season.run()
        #expect(final.status == 0, "seed \(seed): \(final.standardError)")
        #expect(season.lixiao(["verify"]).status == 0, "seed \(seed)")
        #expect(outcome(season) == expected, "seed \(seed)")
        #expect(season.journalLines("2027-summer") == reference.journalLines("2027-summer"), "seed \(seed)")
        #expect(season.journalLines("2027-winter") == reference.journalLines("2027-winter"), "seed \(seed)")
        let left = try FileManager.default.subpathsOfDirectory(atPath: season.path("inbox"))
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".csv") }
        #expect(left.isEmpty, "seed \(seed): still in the inbox: \(left)")
    }
}

@Suite("A run stopped while answering a file", .serialized)
struct AnsweringCrashTests {
    @Test("a run stopped once a file's receipt was written: the next run keeps that receipt as the one answer")
    func receiptWrittenBeforeTheStop() throws {
        let season = try Season.started()
        try season.handMade(
            into: "departments/图书馆", as: "a.csv", ["学工号,办理状态,办理备注", "2023110101,3,已还书"])
        let kept = season.path("a.csv")
        try FileManager.default.copyItem(atPath: season.path("inbox/departments/图书馆/a.csv"), toPath: kept)
        #expect(season.run().status == 0)
        let journal = season.journalLines("2027-summer")
        #expect(season.receiptNames("outbox/departments/图书馆/回执") == ["a.csv.回执.xlsx"])

        // What a SIGKILL right after the receipt's rename leaves: the file in the inbox, its copy in the archive,
        // and processed.tsv ending with the line that names the receipt being written.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: kept))
        let sha = ArchiveKeepsTests.sha256(bytes)
        let folder = season.path("ledger/archive/\(sha.prefix(2))/\(sha)")
        let record = try String(contentsOfFile: folder + "/processed.tsv", encoding: .utf8)
        let lines = record.split(separator: "\n")
        #expect(lines.count == 3, "answering, finishing, done: \(lines)")
        #expect(lines.first?.contains("\tanswering\t") == true, "\(lines)")
        #expect(lines.first?.hasSuffix(".回执.xlsx") == true, "the line names the receipt: \(lines)")
        try (String(lines[0]) + "\n").write(toFile: folder + "/processed.tsv", atomically: false, encoding: .utf8)
        try bytes.write(to: URL(fileURLWithPath: folder + "/source.csv"))
        try FileManager.default.copyItem(atPath: kept, toPath: season.path("inbox/departments/图书馆/a.csv"))

        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(season.receiptNames("outbox/departments/图书馆/回执") == ["a.csv.回执.xlsx"], "no second receipt")
        #expect(!season.exists("inbox/departments/图书馆/a.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/source.csv"))
        let after = try String(contentsOfFile: folder + "/processed.tsv", encoding: .utf8).split(separator: "\n")
        #expect(after.last?.contains("\tdone\t") == true, "\(after)")
        #expect(season.journalLines("2027-summer") == journal)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)

        // Had the receipt not been written yet, the file is processed again and answered once.
        try (String(lines[0]).replacingOccurrences(of: ".回执.xlsx", with: ".gone.回执.xlsx") + "\n").write(
            toFile: folder + "/processed.tsv", atomically: false, encoding: .utf8)
        try bytes.write(to: URL(fileURLWithPath: folder + "/source.csv"))
        try FileManager.default.copyItem(atPath: kept, toPath: season.path("inbox/departments/图书馆/a.csv"))
        #expect(season.run().status == 0)
        #expect(season.receiptNames("outbox/departments/图书馆/回执") == ["a.csv.回执.xlsx", "a.csv.回执.xlsx"])
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/a.csv.回执.xlsx")
        #expect(summary["说明"]?.contains("本文件上次处理时中断") == true, "\(summary)")
        #expect(season.journalLines("2027-summer") == journal, "nothing applied twice")
    }
}

/// A seeded generator, so a failing run can be repeated from the seed it prints.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
