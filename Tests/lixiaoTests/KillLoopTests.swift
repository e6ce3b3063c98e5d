import Foundation
import Glibc
import Sheets
import Testing

/// DESIGN.md §4's promise under real kills: `lixiao run` and `lixiao watch` are killed with SIGKILL at random
/// moments of a 56-file season, each kill followed by a restart, and the season then ends exactly where an
/// uninterrupted one does (the season invariant below).
///
/// `LIXIAO_KILLS` sets how many kills (default 36: two thirds of `run`, a third of `watch`; `make test-long` asks
/// for 600); `LIXIAO_KILL_SEED` replays a failing loop from the seed it printed.
@Suite("Kill loops over a season", .serialized)
struct KillLoopTests {
    static let departments = ["图书馆", "财务处", "学生公寓管理中心", "校园卡中心", "网络信息中心"]
    /// The people the returns name: not those the registrar moves or the college withdraws, so that every file
    /// changes the same states whichever round takes it (a move or withdrawal only orders itself before or after
    /// the returns that name that person).
    static let people = ["2023110101", "2024210305", "2022310017"]
    static let remarks = ["已还书", "已结清", "", "押金已退", "账号已注销", "请补交材料"]

    /// Every file of the season: where it goes, its name, and its content. CSV files are written here as a
    /// spreadsheet program saves them (UTF-8 with a byte order mark); the others by openpyxl.
    struct Drop {
        var folder: String
        var name: String
        var csvLines: [String]?
        var sheetRows: [String]?
        /// The outbox folder its receipt goes to.
        var receipts: String
    }

    static func season() -> [Drop] {
        var drops: [Drop] = []
        for index in 0..<50 {
            let department = departments[index % departments.count]
            var lines = ["学工号,办理状态,办理备注"]
            for offset in 0..<(1 + index % 3) {
                let person = people[(index + offset * 2) % people.count]
                let status = 1 + (index * 7 + offset) % 3
                lines.append("\(person),\(status),\(remarks[(index + offset) % remarks.count])")
            }
            let name = String(format: "回传%02d.csv", index)
            drops.append(
                Drop(
                    folder: "departments/\(department)", name: name, csvLines: lines,
                    receipts: "outbox/departments/\(department)/回执"))
        }
        drops.append(
            Drop(
                folder: "departments/网络信息中心", name: "批量.xlsx",
                sheetRows: ["学工号,办理状态,办理备注", "2023110101-2023110101,3,批量注销"],
                receipts: "outbox/departments/网络信息中心/回执"))
        drops.append(
            Drop(
                folder: "departments/学院党委/外国语学院", name: "党委.xlsx", sheetRows: ["学工号,办理状态", "2024210305,3"],
                receipts: "outbox/departments/学院党委/外国语学院/回执"))
        drops.append(
            Drop(
                folder: "advisors/T2003015", name: "签字.xlsx", sheetRows: ["学工号,签字", "2024210305,是"],
                receipts: "outbox/advisors/T2003015/回执"))
        drops.append(
            Drop(
                folder: "applications", name: "申请.xlsx", sheetRows: ["学号,姓名,离校批次", "2024110001,孙强,2027届夏季毕业"],
                receipts: "outbox/applications/回执"))
        drops.append(
            Drop(
                folder: "registry", name: "学籍更新.xlsx",
                sheetRows: [Season.registryHeader, Season.registryRow("2023110102", batch: Season.winter)],
                receipts: "outbox/admin/回执"))
        drops.append(
            Drop(
                folder: "colleges/\(Season.cs)/roster", name: "撤销.xlsx",
                sheetRows: ["学工号,姓名,撤销原因", "2023110199,赵敏,延期毕业"],
                receipts: "outbox/colleges/\(Season.cs)/回执/离校人员导入"))
        return drops
    }

    /// Drops every file, oldest first a second apart (files are taken oldest first), all settled.
    static func drop(_ drops: [Drop], into season: Season, startingAt first: Int = 0) throws {
        let start = Date().addingTimeInterval(-600)
        for (offset, drop) in drops.enumerated() {
            let index = first + offset
            if let lines = drop.csvLines {
                let folder = season.path("inbox/\(drop.folder)")
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let text = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + drop.name))
            } else {
                try season.handMade(into: drop.folder, as: drop.name, drop.sheetRows ?? [])
            }
            try FileManager.default.setAttributes(
                [.modificationDate: start.addingTimeInterval(Double(index))],
                ofItemAtPath: season.path("inbox/\(drop.folder)/\(drop.name)"))
        }
    }

    /// How many kills, and the seed, from the environment or fresh.
    static func plan() -> (kills: Int, seed: UInt64) {
        let environment = ProcessInfo.processInfo.environment
        let kills = environment["LIXIAO_KILLS"].flatMap { Int($0) } ?? 36
        var generator = SystemRandomNumberGenerator()
        let seed =
            environment["LIXIAO_KILL_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max, using: &generator)
        return (kills, seed)
    }

    @Test("run and watch killed at random moments of a 56-file season end exactly where an uninterrupted season does")
    func killedSeason() throws {
        let drops = Self.season()
        let reference = try Season.started()
        try Self.drop(drops, into: reference)
        let started = Date()
        let uninterrupted = reference.run()
        let duration = Date().timeIntervalSince(started)
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
        try Self.checkInvariant(reference, drops: drops, context: "uninterrupted")

        let (kills, seed) = Self.plan()
        print("KillLoopTests: \(kills) kills, seed \(seed) (LIXIAO_KILL_SEED=\(seed) LIXIAO_KILLS=\(kills) replays)")
        var random = SplitMix(seed: seed)
        // The delay before a kill is uniform up to a window that adapts, so that most kills (about 70 %) find the
        // process still working, at every point of its work: the window shrinks after a process that had already
        // finished and grows after one that had not.
        var window = max(duration / 4, 0.2)
        var working = 0
        var left = kills
        var seasons = 0
        while left > 0 {
            // A season takes at most 36 kills; its files arrive in waves, one before each kill.
            let count = min(left, 36)
            left -= count
            seasons += 1
            let season = try Season.started()
            var dropped = 0
            for index in 0..<count {
                let upTo = (index + 1) * drops.count / count
                try Self.drop(Array(drops[dropped..<upTo]), into: season, startingAt: dropped)
                dropped = upTo
                let watch = index % 3 == 2
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Lixiao.executable)
                process.arguments =
                    watch
                    ? ["watch", "--root", season.root.path, "--settle", "0", "--poll", "0.2"]
                    : ["run", "--root", season.root.path, "--settle", "0"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                let delay = window * Double(random.next() % 1000) / 1000
                usleep(UInt32(delay * 1_000_000))
                // A daemon is always running when killed; a run counts when it had not yet exited.
                let running = process.isRunning
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                if !watch {
                    if running { working += 1 }
                    window = running ? min(window * 1.1, duration) : max(window * 0.8, 0.05)
                }
            }
            let final = season.run()
            #expect(final.status == 0, "seed \(seed): \(final.standardError)")
            try Self.checkInvariant(season, drops: drops, context: "seed \(seed), season \(seasons)")
            #expect(Self.outcome(season) == Self.outcome(reference), "seed \(seed), season \(seasons)")
            for batch in ["2027-summer", "2027-winter"] {
                #expect(
                    season.journalLines(batch) == reference.journalLines(batch),
                    "seed \(seed), season \(seasons): \(batch)")
            }
            #expect(Self.outboxFiles(season) == Self.outboxFiles(reference), "seed \(seed), season \(seasons)")
        }
        print(
            "KillLoopTests: \(kills) kills over \(seasons) seasons; \(working) runs were killed while working; "
                + "the delay window ended at \(String(format: "%.2f", window)) s")
    }

    /// The season invariant: `verify` passes; every dropped file has left the inbox with exactly one receipt and
    /// its archive record finished; the outbox equals a fresh regeneration of the ledger.
    static func checkInvariant(_ season: Season, drops: [Drop], context: String) throws {
        let verify = season.lixiao(["verify"])
        #expect(verify.status == 0, "\(context): \(verify.standardOutput)\(verify.standardError)")
        for drop in drops {
            #expect(!season.exists("inbox/\(drop.folder)/\(drop.name)"), "\(context): \(drop.name) left in the inbox")
            let receipts = season.receiptNames(drop.receipts).filter { $0 == "\(drop.name).回执.xlsx" }
            #expect(receipts.count == 1, "\(context): \(drop.folder)/\(drop.name) has \(receipts.count) receipts")
        }
        // Every archived file's record ends finished, and no copy of a dropped file is left in the archive.
        let archive = season.path("ledger/archive")
        for shard in try FileManager.default.contentsOfDirectory(atPath: archive) where shard.count == 2 {
            for sha in try FileManager.default.contentsOfDirectory(atPath: archive + "/" + shard) {
                let folder = archive + "/" + shard + "/" + sha
                let names = try FileManager.default.contentsOfDirectory(atPath: folder)
                #expect(!names.contains { $0.hasPrefix("source") }, "\(context): a copy kept in \(folder)")
                let record = try String(contentsOfFile: folder + "/processed.tsv", encoding: .utf8)
                let last = record.split(separator: "\n").last.map { $0.split(separator: "\t") } ?? []
                #expect(last.count < 5 || last[4] == "done", "\(context): \(folder) ends \(last)")
            }
        }
        // A fresh regeneration builds the same workbooks: same files, same fingerprints.
        let built = try outputFingerprints(season)
        try FileManager.default.removeItem(atPath: season.path("ledger/outputs.tsv"))
        let rebuilt = season.run()
        #expect(rebuilt.status == 0, "\(context): \(rebuilt.standardError)")
        #expect(try outputFingerprints(season) == built, "\(context): the outbox differs from a fresh regeneration")
    }

    /// `ledger/outputs.tsv` as path → fingerprint of the workbook's model (which leaves out its stamp).
    static func outputFingerprints(_ season: Season) throws -> [String: String] {
        let text = try String(contentsOfFile: season.path("ledger/outputs.tsv"), encoding: .utf8)
        var fingerprints: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count >= 2 { fingerprints[String(fields[0])] = String(fields[1]) }
        }
        return fingerprints
    }

    /// Each person's `show --json`, with times (which differ between two seasons) left out.
    static func outcome(_ season: Season) -> [String] {
        (people + ["2024110001"]).map { id in
            season.lixiao(["show", id, "--json"]).standardOutput.replacing(/"time": "[^"]*"/, with: "\"time\": \"\"")
        }
    }

    /// The outbox's generated files (receipts left out: they are named by time).
    static func outboxFiles(_ season: Season) -> [String] {
        let paths = (try? FileManager.default.subpathsOfDirectory(atPath: season.path("outbox"))) ?? []
        return paths.filter { $0.hasSuffix(".xlsx") && !$0.contains("/回执/") }.sorted()
    }
}
