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
}
