import Foundation
import Glibc

/// A child process (the probe, or bash running it) whose stdout and stderr the test reads line by line.
///
/// Started with `posix_spawn`; the pipes are marked close-on-exec, under a lock shared by all spawns, so that
/// children other tests start at the same time do not inherit them (which would keep them open past this child's
/// death). (Glibc's `pipe2` is not visible to Swift.)
final class ProbeProcess {
    let pid: pid_t
    private let output: Int32
    private let errors: Int32
    private var buffered: [UInt8] = []
    private var exitStatus: Int32?

    /// The probe executable, found beside the test bundle (`.build-…/debug/lixiao-ledger-probe`).
    static let probePath: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("lixiao-ledger-probe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "lixiao-ledger-probe (not found near \(CommandLine.arguments[0]))"
    }()

    /// Starts the probe with `arguments`.
    static func probe(_ arguments: [String]) throws -> ProbeProcess {
        try ProbeProcess(executable: probePath, arguments: arguments)
    }

    /// Starts `executable` (a full path) with `arguments`; stdin is `/dev/null`.
    init(executable: String, arguments: [String]) throws {
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else { throw ProbeError("pipe failed: errno \(errno)") }
        for descriptor in outputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, nil, argv, environment)
        Glibc.close(outputPipe[1])
        Glibc.close(errorPipe[1])
        guard result == 0 else {
            Glibc.close(outputPipe[0])
            Glibc.close(errorPipe[0])
            throw ProbeError("posix_spawn \(executable) failed: errno \(result)")
        }
        pid = child
        output = outputPipe[0]
        errors = errorPipe[0]
    }

    private static let spawning = NSLock()

    deinit {
        if exitStatus == nil {
            Glibc.kill(pid, SIGKILL)
            _ = try? waitForExit()
        }
        Glibc.close(output)
        Glibc.close(errors)
    }

    /// The next line of stdout, or `nil` at its end or after `timeout` seconds without one.
    func readLine(timeout: Double = 20) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return nil }
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(remaining * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            guard readChunk(from: output, into: &buffered) else { return nil }
        }
    }

    /// The rest of stdout, as lines, until the process closes it (call after it exited or was killed).
    func remainingLines() -> [String] {
        while readChunk(from: output, into: &buffered) {}
        let text = String(decoding: buffered, as: UTF8.self)
        buffered = []
        return text.split(separator: "\n").map(String.init)
    }

    /// Everything the process wrote to stderr (call after it exited).
    func errorText() -> String {
        var bytes: [UInt8] = []
        while readChunk(from: errors, into: &bytes) {}
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Kills the process with SIGKILL and reaps it.
    func kill() throws {
        Glibc.kill(pid, SIGKILL)
        _ = try waitForExit()
    }

    /// Waits for the process to end: its exit code, or 128 + the signal that ended it.
    @discardableResult
    func waitForExit() throws -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ProbeError("waitpid failed: errno \(errno)") }
        }
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        exitStatus = code
        return code
    }

    /// Appends what one `read` returns; false at the end of the pipe.
    private func readChunk(from descriptor: Int32, into bytes: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            bytes.append(contentsOf: chunk[..<count])
            return true
        }
    }
}

/// A failure of the test's own process handling.
struct ProbeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
