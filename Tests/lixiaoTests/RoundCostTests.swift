import Foundation
import Glibc
import Testing

/// A round costs what changed, and `show`, `history`, `stats`, `verify` and `export` never wait for one.
@Suite("A round costs what changed; readers never wait", .serialized)
struct RoundCostTests {
    typealias S = Season
    static let person = "2023110102"

    /// Every file under `folders` of the root (hidden ones left out: the lock file holds its holder's pid), with
    /// its inode, size and modification time: a file written again, even with the same bytes, shows as changed.
    static func files(_ season: Season, under folders: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: season.path(folder)) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = season.path(folder + "/" + relative)
                var status = stat()
                guard !(relative as NSString).lastPathComponent.hasPrefix("."), lstat(path, &status) == 0,
                    status.st_mode & S_IFMT == S_IFREG
                else { continue }
                result[folder + "/" + relative] =
                    "\(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
            }
        }
        return result
    }

    static func changed(_ before: [String: String], _ after: [String: String]) -> Set<String> {
        Set(after.keys.filter { before[$0] != after[$0] }).union(before.keys.filter { after[$0] == nil })
    }

    @Test("a round with nothing to do writes nothing: no output, no snapshot, not even the outputs record")
    func noOpRound() throws {
        let season = try Season.started()
        #expect(season.run().status == 0)
        let before = Self.files(season, under: ["outbox", "ledger"])
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("outbox: 0 written"), "\(run.standardOutput)")
        // The round's own report is the one file every round writes.
        #expect(Self.changed(before, Self.files(season, under: ["outbox", "ledger"])) == ["ledger/status.json"])

        // A deleted output or snapshot is made again by the next round, though nothing else changed.
        let export = try #require(before.keys.first { $0.hasPrefix("outbox/departments/图书馆/") })
        try FileManager.default.removeItem(atPath: season.path(export))
        try FileManager.default.removeItem(atPath: season.path("ledger/2027-summer/snapshot.tsv"))
        #expect(season.run().status == 0)
        #expect(FileManager.default.fileExists(atPath: season.path(export)))
        #expect(FileManager.default.fileExists(atPath: season.path("ledger/2027-summer/snapshot.tsv")))
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("after a one-row return, only the outputs that show that person are written")
    func oneRowReturn() throws {
        let season = try Season.started()
        let shown = try json(season.lixiao(["show", Self.person, "--json"]))
        let college = try #require(shown["college"] as? String)
        let before = Self.files(season, under: ["outbox"])
        try season.handMade(
            into: "departments/图书馆", as: "一人.xlsx", ["学工号,办理状态,办理备注", "\(Self.person),3,已还书"])
        #expect(season.run().status == 0)
        let written = Self.changed(before, Self.files(season, under: ["outbox"]))
        // The library's own files, the person's college, the batch's statistics for leaders and the apartment
        // centre: everything else (other departments, other colleges, every advisor) is left alone.
        let showsThePerson = { (path: String) in
            path.hasPrefix("outbox/departments/图书馆/") || path.hasPrefix("outbox/admin/")
                || path.hasPrefix("outbox/apartment/") || path.contains(college)
        }
        #expect(!written.isEmpty)
        #expect(written.allSatisfy(showsThePerson), "\(written.sorted().filter { !showsThePerson($0) })")
        #expect(written.contains { $0.hasPrefix("outbox/departments/图书馆/\(S.summer)/数据导出") })
        #expect(!written.contains { $0.hasPrefix("outbox/departments/财务处/") })
    }

    @Test("a reader while a round runs answers with the state the last finished round left, and is never refused")
    func readerDuringRound() throws {
        let season = try Season.started()
        let saved = ["ledger/2027-summer/snapshot.tsv", "ledger/outputs.tsv"].map(season.path)
        let finished = try saved.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let showBefore = season.lixiao(["show", Self.person, "--json"]).standardOutput
        let statsBefore = season.lixiao(["stats", "--json"]).standardOutput
        try season.handMade(
            into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态,办理备注", "\(Self.person),3,已还书"])
        #expect(season.run().status == 0)
        let showAfter = season.lixiao(["show", Self.person, "--json"]).standardOutput
        #expect(showAfter != showBefore)

        // A round in progress: its changes are journalled (and its file archived), its snapshot and outbox not yet
        // saved, and its process holds the ledger's lock (here `flock(1)`, the same kernel lock lixiao takes).
        for (path, bytes) in zip(saved, finished) { try bytes.write(to: URL(fileURLWithPath: path)) }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", season.path("ledger/.lock"), "sleep", "60"]
        try holder.run()
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        var held = false
        for _ in 0..<100 where !held {
            held = season.run().status == 75
            if !held { usleep(50_000) }
        }
        #expect(held, "flock did not take the ledger's lock")

        let show = season.lixiao(["show", Self.person, "--json"])
        #expect(show.status == 0, "\(show.standardError)")
        #expect(show.standardOutput == showBefore)
        #expect(season.lixiao(["stats", "--json"]).standardOutput == statsBefore)
        let verify = season.lixiao(["verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        #expect(season.lixiao(["history", Self.person]).status == 0)
        let exported = season.path("导出.xlsx")
        let export = season.lixiao(["export", "--item", "图书馆", "--id", Self.person, "-o", exported])
        #expect(export.status == 0, "\(export.standardError)")
        #expect(FileManager.default.fileExists(atPath: exported))

        holder.terminate()
        holder.waitUntilExit()
        // With no round running, readers read every journalled record.
        #expect(season.lixiao(["show", Self.person, "--json"]).standardOutput == showAfter)
    }

    @Test("the daemon keeps its states between rounds, and after every round they equal the ledger read afresh")
    func daemonKeepsState() throws {
        let season = Season()
        let logPath = season.path("watch.log")
        #expect(FileManager.default.createFile(atPath: logPath, contents: nil))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Lixiao.executable)
        daemon.arguments = ["watch", "--root", season.root.path, "--settle", "0.5"]
        daemon.environment = ProcessInfo.processInfo.environment.merging(["LIXIAO_CHECK_KEPT_STATE": "1"]) { $1 }
        daemon.standardError = log
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        func eventually(_ condition: () -> Bool) -> Bool {
            for _ in 0..<100 {
                if condition() { return true }
                Thread.sleep(forTimeInterval: 0.2)
            }
            return condition()
        }
        #expect(eventually { season.exists("inbox/registry/说明.txt") })
        try season.drop("registry.xlsx", into: "registry")
        #expect(eventually { season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx") })
        let rounds: [(folder: String, name: String, rows: [String])] = [
            ("departments/图书馆", "还书.xlsx", ["学工号,办理状态,办理备注", "\(Self.person),3,已还书"]),
            ("departments/财务处", "缴费.xlsx", ["学工号,办理状态", "\(Self.person),3", "2023110101,2"]),
            ("advisors/T2003015", "签字.xlsx", ["学工号,签字", "2024210305,是"]),
            ("departments/图书馆", "更正.xlsx", ["学工号,办理状态,办理备注", "\(Self.person),1,图书未还清"]),
        ]
        for round in rounds {
            try season.handMade(into: round.folder, as: round.name, round.rows)
            #expect(eventually { season.exists("outbox/\(round.folder)/回执/\(round.name).回执.xlsx") })
        }
        // The state the daemon kept is the one a fresh open reads.
        #expect(try season.item(Self.person, "图书馆")["remark"] as? String == "图书未还清")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        try log.close()
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        let matches = text.components(separatedBy: "kept state matches the ledger").count - 1
        #expect(matches >= rounds.count + 1, "\(text)")
        #expect(!text.contains("kept state differs"), "\(text)")
        // The leaders' progress over time is kept too, added to by every append, and equals a fresh replay.
        #expect(text.contains("progress of 2027-summer"), "\(text)")
        #expect(!text.contains("could not be compared"), "\(text)")
    }

    private func json(_ run: Lixiao.Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }
}
