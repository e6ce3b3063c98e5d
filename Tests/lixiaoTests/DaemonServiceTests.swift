import Foundation
import Testing

/// A `lixiao watch` child process whose log goes to a file the test can read while it runs.
final class Daemon {
    let process = Process()
    let logPath = NSTemporaryDirectory() + "lixiao-daemon-\(UUID().uuidString).log"

    init(_ arguments: [String], environment: [String: String] = [:], executable: String = Lixiao.executable) throws {
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        unlink(logPath)
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits up to `seconds` for the process to end; its exit status, or `nil`.
    func stop(_ signal: Int32 = SIGTERM, within seconds: Double = 30) -> Int32? {
        kill(pid, signal)
        guard eventually(seconds, { !self.process.isRunning }) else { return nil }
        return process.terminationStatus
    }
}

/// Waits up to `seconds` for `condition`.
func eventually(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.2)
    }
    return condition()
}

@Suite("The daemon as a service", .serialized)
struct DaemonServiceTests {
    @Test(
        "--help of the deployment commands matches the committed snapshot",
        arguments: ["status", "service-unit", "share-setup", "watch"])
    func help(command: String) throws {
        let run = Lixiao.run([command, "--help"])
        let snapshot = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Snapshots/\(command)-help.txt")
        if ProcessInfo.processInfo.environment["LIXIAO_UPDATE_SNAPSHOTS"] != nil {
            try run.standardOutput.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        #expect(run.standardOutput == (try String(contentsOf: snapshot, encoding: .utf8)))
    }

    @Test("every advisor the registry names gets inbox and outbox folders, with a guide; advisors create none")
    func advisorFolders() throws {
        let season = Season()
        #expect(season.lixiao(["init"]).status == 0)
        let general = try String(contentsOfFile: season.path("inbox/advisors/说明.txt"), encoding: .utf8)
        #expect(general.contains("不要自己新建文件夹"))
        #expect(!season.exists("inbox/advisors/T2003015"))
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        for id in ["T2003015", "T1998002"] {
            #expect(season.exists("inbox/advisors/\(id)/说明.txt"))
            #expect(season.exists("outbox/advisors/\(id)"))
        }
        let guide = try String(contentsOfFile: season.path("inbox/advisors/T2003015/说明.txt"), encoding: .utf8)
        #expect(guide.contains("陈教授（T2003015）"))
        // A fresh init on a root whose ledger names advisors lays their folders out too.
        try FileManager.default.removeItem(atPath: season.path("inbox/advisors/T1998002"))
        #expect(season.lixiao(["init"]).status == 0)
        #expect(season.exists("inbox/advisors/T1998002/说明.txt"))
    }

    /// The unit `service-unit` prints for a fixed installation, with the checkout's path replaced.
    private func unit(root: String, executable: String) -> Lixiao.Run {
        Lixiao.run([
            "service-unit", "--root", root, "--user", "lixiao", "--executable", executable,
            "--pipeline", Lixiao.repository.appendingPathComponent("pipelines/default.toml").path,
        ])
    }

    @Test("service-unit prints the golden unit")
    func serviceUnitGolden() throws {
        let run = unit(root: "/srv/lixiao", executable: "/usr/local/bin/lixiao")
        #expect(run.status == 0, "\(run.standardError)")
        let text = run.standardOutput.replacingOccurrences(of: Lixiao.repository.path, with: "<checkout>")
        let golden = Lixiao.repository.appendingPathComponent("Tests/lixiaoTests/Snapshots/service-unit.txt")
        if ProcessInfo.processInfo.environment["LIXIAO_UPDATE_SNAPSHOTS"] != nil {
            try text.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: golden, encoding: .utf8)))
        for line in [
            "Type=exec", "Restart=on-failure", "RestartPreventExitStatus=64 78", "NoNewPrivileges=yes",
            "ProtectSystem=strict", "ReadWritePaths=/srv/lixiao", "PrivateTmp=yes", "UMask=0027",
            "TimeoutStopSec=300s", "ExecReload=/bin/kill -HUP $MAINPID",
        ] {
            #expect(text.contains("\n" + line + "\n"), "\(line)")
        }
    }

    @Test("the unit passes systemd-analyze verify")
    func serviceUnitVerifies() throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is missing (make deps)")
        let season = Season()
        let run = unit(root: season.root.path, executable: Lixiao.executable)
        #expect(run.status == 0, "\(run.standardError)")
        let file = season.path("lixiao-test.service")
        try run.standardOutput.write(toFile: file, atomically: true, encoding: .utf8)
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: analyze)
        verify.arguments = ["verify", "--man=no", file]
        let errors = Pipe()
        verify.standardError = errors
        verify.standardOutput = errors
        try verify.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0, "\(text)")
        #expect(!text.contains("lixiao-test.service"), "\(text)")
    }

    @Test("under systemd the log is one line per event with the journal's priority prefix and no timestamp")
    func journalLog() throws {
        let season = Season()
        let daemon = try Daemon(
            ["watch", "--root", season.root.path, "--settle", "0.3"], environment: ["JOURNAL_STREAM": "8:12345"])
        #expect(eventually(20) { daemon.log.contains("<5>watching ") })
        try Data("not a spreadsheet".utf8).write(to: URL(fileURLWithPath: season.path("inbox/registry/乱码.xlsx")))
        #expect(eventually(20) { daemon.log.contains("<5>registry/乱码.xlsx: refused whole") }, "\(daemon.log)")
        #expect(daemon.stop() == 0)
        #expect(daemon.log.split(separator: "\n").allSatisfy { $0.hasPrefix("<") }, "\(daemon.log)")
    }

    @Test("a second daemon on the root is refused with exit 75 naming the first one's pid")
    func secondDaemonRefused() throws {
        let season = Season()
        let first = try Daemon(["watch", "--root", season.root.path, "--settle", "0.5"])
        #expect(eventually(20) { first.log.contains("watching") })
        let second = season.lixiao(["watch", "--settle", "0.5"])
        #expect(second.status == 75)
        #expect(second.standardError.contains("pid \(first.pid)"))
        #expect(first.stop() == 0)
    }

    @Test("SIGTERM during a round finishes the file in hand, answers it, and exits 0")
    func stopDuringRound() throws {
        let season = Season()
        #expect(season.lixiao(["init"]).status == 0)
        let daemon = try Daemon(["watch", "--root", season.root.path, "--settle", "0.3"])
        // The first round (at start) has ended once it has left its account.
        #expect(eventually(20) { season.exists("ledger/status.json") })
        let lock = open(season.path("ledger/.lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        defer { close(lock) }
        try season.drop("registry-400.xlsx", into: "registry")
        // The round holds the ledger's lock while it works: stop the daemon as soon as it does.
        var inRound = false
        let deadline = Date().addingTimeInterval(20)
        while !inRound, Date() < deadline {
            if flock(lock, LOCK_EX | LOCK_NB) == 0 {
                flock(lock, LOCK_UN)
                usleep(5_000)
            } else {
                inRound = true
            }
        }
        #expect(inRound)
        #expect(daemon.stop() == 0, "\(daemon.log)")
        #expect(season.exists("outbox/admin/回执/registry-400.xlsx.回执.xlsx"))
        #expect(!season.exists("inbox/registry/registry-400.xlsx"))
        #expect(daemon.log.contains("registry/registry-400.xlsx:"))
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("SIGHUP reloads a good pipeline file, refuses a bad one with its line and keeps the old one")
    func reload() throws {
        let season = Season()
        let pipeline = season.path("pipeline.toml")
        let original = try String(
            contentsOf: Lixiao.repository.appendingPathComponent("pipelines/default.toml"), encoding: .utf8)
        try original.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let daemon = try Daemon([
            "watch", "--root", season.root.path, "--pipeline", pipeline, "--settle", "0.5", "--log-level", "info",
        ])
        #expect(eventually(20) { daemon.log.contains("watching") })
        try original.replacingOccurrences(of: "name = \"示例大学\"", with: "name = \"示例大学二\"")
            .write(toFile: pipeline, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        #expect(eventually(20) { daemon.log.contains("pipeline reloaded: 示例大学二") }, "\(daemon.log)")
        try (original + "\n[[colleges]]\nid = 012\n").write(toFile: pipeline, atomically: true, encoding: .utf8)
        kill(daemon.pid, SIGHUP)
        #expect(eventually(20) { daemon.log.contains("pipeline reload refused") }, "\(daemon.log)")
        let refusal = daemon.log.split(separator: "\n").first { $0.contains("pipeline reload refused") } ?? ""
        #expect(refusal.contains("pipeline.toml:"), "\(refusal)")
        #expect(daemon.process.isRunning)
        // The daemon still answers with the pipeline it kept.
        try season.drop("registry.xlsx", into: "registry")
        #expect(eventually(20) { season.exists("outbox/admin/回执/registry.xlsx.回执.xlsx") })
        #expect(daemon.stop() == 0)
    }

    @Test("status: healthy with a daemon, a warning after a refused file, critical once the daemon is killed")
    func status() throws {
        let season = Season()
        let daemon = try Daemon(["watch", "--root", season.root.path, "--settle", "0.3", "--rescan", "1"])
        #expect(eventually(20) { season.exists("ledger/status.json") })
        let healthy = season.lixiao(["status"])
        #expect(healthy.status == 0, "\(healthy.standardOutput)\(healthy.standardError)")
        #expect(healthy.standardOutput.contains("running, pid \(daemon.pid)"))
        #expect(healthy.standardOutput.contains("status: OK"))
        try Data("not a spreadsheet".utf8).write(to: URL(fileURLWithPath: season.path("inbox/registry/乱码.xlsx")))
        #expect(eventually(20) { season.exists("outbox/admin/回执/乱码.xlsx.回执.xlsx") })
        #expect(eventually(10) { season.lixiao(["status"]).status == 1 })
        let warned = season.lixiao(["status", "--json"])
        #expect(warned.status == 1)
        let object = try season.json(warned)
        #expect(object["health"] as? String == "warning")
        #expect((object["problems"] as? [String])?.first?.contains("refused") == true)
        #expect((object["daemon"] as? [String: Any])?["pid"] as? Int == Int(daemon.pid))
        #expect(daemon.stop(SIGKILL) != nil)
        let dead = season.lixiao(["status"])
        #expect(dead.status == 2)
        #expect(dead.standardOutput.contains("no lixiao watch runs on this root"))
    }
}
