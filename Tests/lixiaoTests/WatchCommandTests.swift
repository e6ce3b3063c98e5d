import Foundation
import Testing

/// `lixiao watch` as the daemon runs: a real process, a real folder, a real SIGTERM.
@Suite("lixiao watch", .serialized)
struct WatchCommandTests {
    /// Waits up to `seconds` for `condition`.
    private func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return condition()
    }

    @Test(
        "a dropped file is answered while the daemon runs; other commands work between rounds; SIGTERM stops it",
        arguments: [[String](), ["--poll", "0.5"]])
    func answersDrops(extra: [String]) throws {
        let season = Season()
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Lixiao.executable)
        daemon.arguments = ["watch", "--root", season.root.path, "--settle", "0.5"] + extra
        let log = Pipe()
        daemon.standardError = log
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(eventually(20) { season.exists("inbox/registry/说明.txt") })
        try season.drop("registry.xlsx", into: "registry")
        #expect(eventually(20) { season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx") })
        #expect(eventually(20) { season.lixiao(["show", "2023110101"]).status == 0 })
        // A folder created while watching (an advisor's) is watched too.
        try season.handMade(into: "advisors/T2003015", as: "签字.xlsx", ["学工号,签字", "2024210305,是"])
        #expect(eventually(20) { season.exists("outbox/advisors/T2003015/回执/签字.xlsx.回执.xlsx") })
        // A department folder deleted and recreated while watching is watched again.
        try FileManager.default.removeItem(atPath: season.path("inbox/departments/图书馆"))
        try FileManager.default.createDirectory(
            atPath: season.path("inbox/departments/图书馆"),
            withIntermediateDirectories: true)
        Thread.sleep(forTimeInterval: 1.5)
        try season.handMade(into: "departments/图书馆", as: "重建后.xlsx", ["学工号,办理状态", "2023110101,3"])
        #expect(eventually(20) { season.exists("outbox/departments/图书馆/回执/重建后.xlsx.回执.xlsx") })
        kill(daemon.processIdentifier, SIGTERM)
        #expect(eventually(20) { !daemon.isRunning })
        #expect(daemon.terminationStatus == 0)
        let text = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("stopping"))
    }

    @Test(
        "folders linked to themselves neither hang the daemon at start nor keep SIGTERM from stopping it",
        arguments: [[String](), ["--poll", "0.5"]])
    func selfLinks(extra: [String]) throws {
        let season = Season()
        #expect(season.lixiao(["init"]).status == 0)
        #expect(symlink(".", season.path("inbox/advisors/A1")) == 0)
        #expect(symlink(".", season.path("inbox/advisors/A2")) == 0)
        #expect(symlink("..", season.path("inbox/departments/loop")) == 0)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Lixiao.executable)
        daemon.arguments = ["watch", "--root", season.root.path, "--settle", "0.5"] + extra
        daemon.standardError = FileHandle.nullDevice
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        try season.drop("registry.xlsx", into: "registry")
        #expect(eventually(30) { season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx") })
        #expect(eventually(30) { season.exists("outbox/advisors/回执/A1.回执.xlsx") })
        kill(daemon.processIdentifier, SIGTERM)
        #expect(eventually(10) { !daemon.isRunning })
        #expect(daemon.terminationStatus == 0)
    }

    /// Starts `lixiao watch` on `season`'s root, its output discarded.
    private func startDaemon(_ season: Season) throws -> Process {
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Lixiao.executable)
        daemon.arguments = ["watch", "--root", season.root.path, "--settle", "0.5"]
        daemon.standardError = FileHandle.nullDevice
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        return daemon
    }

    /// The pid a daemon wrote into `ledger/watch.pid`, once it has.
    private func daemonPID(_ season: Season) -> Int32? {
        let text = (try? String(contentsOfFile: season.path("ledger/watch.pid"), encoding: .utf8)) ?? ""
        return text.split(separator: "\t").first.flatMap { Int32($0) }
    }

    @Test("a second watch on the same root exits 75 naming the first; after kill -9 of the first, a new one starts")
    func oneDaemonPerRoot() throws {
        let season = Season()
        let first = try startDaemon(season)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        #expect(eventually(20) { daemonPID(season) == first.processIdentifier })
        let second = Lixiao.run(["watch", "--root", season.root.path], through: ["/usr/bin/timeout", "20"])
        #expect(second.status == 75, "\(second.standardError)")
        #expect(second.standardError.contains("another lixiao watch (pid \(first.processIdentifier), since "))
        #expect(first.isRunning)
        // lixiao run is not a daemon: the ledger's lock decides (it runs between rounds, or exits 75 during one).
        let once = season.lixiao(["run", "--settle", "0"])
        #expect([0, 75].contains(once.status), "\(once.standardError)")

        kill(first.processIdentifier, SIGKILL)
        #expect(eventually(20) { !first.isRunning })
        let third = try startDaemon(season)
        defer { if third.isRunning { third.terminate() } }
        #expect(eventually(20) { daemonPID(season) == third.processIdentifier })
        try season.drop("registry.xlsx", into: "registry")
        #expect(eventually(20) { season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx") })
        kill(third.processIdentifier, SIGTERM)
        #expect(eventually(20) { !third.isRunning })
        #expect(third.terminationStatus == 0)
    }

    @Test("temporary files a crash left under outbox/ and ledger/ are removed at the next start, never in inbox/")
    func leftoverTemporaryFiles() throws {
        let season = try Season.started()
        let outbox = season.path("outbox/departments/图书馆/.lixiao-0123456789abcdef.xlsx.tmp")
        let ledger = season.path("ledger/.lixiao-fedcba9876543210.tmp")
        let inbox = season.path("inbox/departments/图书馆/.lixiao-1111111111111111.tmp")
        let elsewhere = season.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let outside = elsewhere + "/.lixiao-2222222222222222.tmp"
        for path in [outbox, ledger, inbox, outside] { try Data("half".utf8).write(to: URL(fileURLWithPath: path)) }
        // A symbolic link in the outbox to a folder outside is never entered.
        try FileManager.default.createSymbolicLink(
            atPath: season.path("outbox/departments/链接"), withDestinationPath: elsewhere)
        #expect(season.run().status == 0)
        #expect(!FileManager.default.fileExists(atPath: outbox))
        #expect(!FileManager.default.fileExists(atPath: ledger))
        #expect(FileManager.default.fileExists(atPath: inbox))
        #expect(FileManager.default.fileExists(atPath: outside))
        // And at a daemon's start.
        try Data("half".utf8).write(to: URL(fileURLWithPath: outbox))
        let daemon = try startDaemon(season)
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(eventually(20) { !FileManager.default.fileExists(atPath: outbox) })
        kill(daemon.processIdentifier, SIGTERM)
        #expect(eventually(20) { !daemon.isRunning })
    }

    @Test("SIGTERM while a flood of files is processed stops after the file in hand; the rest wait in the inbox")
    func stopsDuringAFlood() throws {
        let season = try Season.started()
        let folder = season.path("inbox/advisors/T2003015")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<300 { try Data("学号\n1\n".utf8).write(to: URL(fileURLWithPath: folder + "/f\(index).csv")) }
        let daemon = try startDaemon(season)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let receipts = season.path("outbox/advisors/T2003015/回执")
        #expect(eventually(60) { ((try? FileManager.default.subpathsOfDirectory(atPath: receipts)) ?? []).count >= 4 })
        kill(daemon.processIdentifier, SIGTERM)
        #expect(eventually(15) { !daemon.isRunning }, "the daemon kept going after SIGTERM")
        #expect(daemon.terminationStatus == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".csv") }
        #expect(!left.isEmpty, "every file was processed after SIGTERM")
    }
}
