import Foundation
import Glibc

/// Runs the built `lixiao` binary as a real child process and measures it.
enum Lixiao {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Wall-clock time from spawn to exit.
        var seconds: Double
        /// Peak resident memory of the child, measured by GNU time (see `measured`); 0 when not measured.
        var peakMegabytes: Double
    }

    /// The `lixiao` executable built beside the test bundle.
    static let executable: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("lixiao").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/lixiao").path
    }()

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `lixiao arguments…` under GNU time, which forks it from its own small process, so the peak
    /// resident memory is lixiao's alone (a child spawned straight from the test process would report the
    /// test process's own memory as its high-water mark, since Linux carries it across fork and exec).
    static func measured(_ arguments: [String]) -> Run {
        let report = NSTemporaryDirectory() + "lixiao-time-\(UUID().uuidString)"
        defer { unlink(report) }
        var run = run(arguments, through: ["/usr/bin/time", "-f", "%M", "-o", report])
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        let kilobytes = text.split(separator: "\n").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        run.peakMegabytes = (kilobytes ?? .infinity) / 1024
        return run
    }

    /// Runs `lixiao arguments…`, capturing output through temporary files, and reaps it with `wait4`.
    ///
    /// `environment` adds to (or overrides) the test process's own environment for this run.
    static func run(_ arguments: [String], through wrapper: [String] = [], environment: [String: String] = [:])
        -> Run
    {
        let outputPath = NSTemporaryDirectory() + "lixiao-out-\(UUID().uuidString)"
        let errorPath = NSTemporaryDirectory() + "lixiao-err-\(UUID().uuidString)"
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = (wrapper + [executable] + arguments).map { strdup($0) } + [nil]
        let program = wrapper.first ?? executable
        defer { argv.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        let envp = variables.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else {
            return Run(
                status: -1, standardOutput: "", standardError: "spawn failed: \(spawned)", seconds: 0,
                peakMegabytes: 0)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Run(
            status: exitCode, standardOutput: output, standardError: error, seconds: seconds,
            peakMegabytes: 0)
    }
}
