public import Foundation
import Glibc
public import Sheets

/// How dropped files are read: in a child process with limits (what `lixiao run` and `watch` do), or in this
/// process (for tests of the pipeline as a library, and for files lixiao wrote itself).
///
/// Parsers of untrusted bytes are where crashes and hangs come from. The child is this same executable run as
/// `lixiao read-sheet`; it sets `RLIMIT_AS`, `RLIMIT_CPU` and `RLIMIT_CORE` on itself before it reads a byte,
/// and answers on its standard output with ``WorkbookContents``'s binary form. The parent kills it at a
/// wall-clock limit. A child that crashes, is killed or answers garbage makes the file a refusal
/// (文件无法读取) and the round goes on.
public struct SheetLoader: Sendable {
    /// Bounds on one reader process.
    public struct Limits: Sendable, Hashable {
        /// Address space, in MiB (`RLIMIT_AS`).
        public var memoryMegabytes: Int
        /// CPU time, in seconds (`RLIMIT_CPU`; the kernel sends SIGXCPU, then SIGKILL).
        public var cpuSeconds: Int
        /// Wall-clock time before the parent kills it.
        public var wallSeconds: Double

        public init(memoryMegabytes: Int = 4_096, cpuSeconds: Int = 120, wallSeconds: Double = 180) {
            self.memoryMegabytes = memoryMegabytes
            self.cpuSeconds = cpuSeconds
            self.wallSeconds = wallSeconds
        }

        /// The defaults, each overridable by the environment (`LIXIAO_READER_MEMORY_MB`,
        /// `LIXIAO_READER_CPU_SECONDS`, `LIXIAO_READER_WALL_SECONDS`) for unusual servers and for tests.
        public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
            -> Limits
        {
            var limits = Limits()
            if let value = environment["LIXIAO_READER_MEMORY_MB"].flatMap(Int.init), value > 0 {
                limits.memoryMegabytes = value
            }
            if let value = environment["LIXIAO_READER_CPU_SECONDS"].flatMap(Int.init), value > 0 {
                limits.cpuSeconds = value
            }
            if let value = environment["LIXIAO_READER_WALL_SECONDS"].flatMap(Double.init), value > 0 {
                limits.wallSeconds = value
            }
            return limits
        }
    }

    enum Mode: Sendable {
        case inProcess
        case isolated(executable: String, limits: Limits)
    }

    let mode: Mode

    /// Reads in this process.
    public static let inProcess = SheetLoader(mode: .inProcess)

    /// Reads in a child process: `executable` run as `executable read-sheet …` (for lixiao itself,
    /// `/proc/self/exe`, which stays valid even while the installed binary is replaced).
    public static func isolated(executable: String = "/proc/self/exe", limits: Limits = .fromEnvironment())
        -> SheetLoader
    {
        SheetLoader(mode: .isolated(executable: executable, limits: limits))
    }

    /// Reads the file at `path` (a copy lixiao owns), naming it `displayName` in every message.
    public func load(path: String, displayName: String) throws(SheetError) -> WorkbookContents {
        switch mode {
        case .inProcess: return try WorkbookContents.read(path: path, displayName: displayName)
        case .isolated(let executable, let limits):
            let answer = try ReaderProcess.run(
                executable: executable, path: path, displayName: displayName, limits: limits)
            return try WorkbookContents.decode(answer, fileName: displayName)
        }
    }

    /// Whether this process runs under a sanitizer's runtime (AddressSanitizer or ThreadSanitizer).
    static let isSanitized: Bool = {
        let handle = dlopen(nil, RTLD_NOW)
        defer { if let handle { dlclose(handle) } }
        return dlsym(handle, "__asan_init") != nil || dlsym(handle, "__tsan_init") != nil
    }()

    /// The child's side (`lixiao read-sheet`): limits itself, reads, and writes the answer to standard output.
    /// Returns the process's exit status.
    public static func serveChild(path: String, displayName: String, limits: Limits) -> Int32 {
        var memory = rlimit(
            rlim_cur: rlim_t(limits.memoryMegabytes) << 20, rlim_max: rlim_t(limits.memoryMegabytes) << 20)
        var cpu = rlimit(rlim_cur: rlim_t(limits.cpuSeconds), rlim_max: rlim_t(limits.cpuSeconds + 1))
        var core = rlimit(rlim_cur: 0, rlim_max: 0)
        // Under AddressSanitizer or ThreadSanitizer (make test-asan, make test-tsan) the shadow memory already
        // reserves terabytes of address space, so an address-space limit would only make every allocation fail;
        // the CPU and wall-clock limits still hold there.
        guard isSanitized || setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &memory) == 0,
            setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu) == 0,
            setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &core) == 0
        else { return 71 }
        let answer: [UInt8]
        do {
            answer = try WorkbookContents.read(path: path, displayName: displayName).encoded()
        } catch {
            answer = WorkbookContents.encodedRefusal(error)
        }
        var written = 0
        while written < answer.count {
            let count = answer.withUnsafeBytes { write(1, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return 74 }
            written += count
        }
        return 0
    }
}

/// Starts one reader process and collects its answer under a wall-clock limit.
enum ReaderProcess {
    /// The most a reader may answer: far beyond any sheet within the reading limits.
    static let maximumAnswerBytes = 2 << 30

    /// The corresponding C functions are `pipe`, `posix_spawn`, `poll`, `read`, `kill` and `waitpid`.
    static func run(executable: String, path: String, displayName: String, limits: SheetLoader.Limits)
        throws(SheetError) -> [UInt8]
    {
        func failure(_ reason: ReaderFailure) -> SheetError {
            SheetError(file: displayName, problem: .readerFailed(reason: reason))
        }
        var output: [Int32] = [-1, -1]
        var errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0 else { throw failure(.notStarted(reason: "pipe: \(errno)")) }
        guard pipe(&errors) == 0 else {
            close(output[0])
            close(output[1])
            throw failure(.notStarted(reason: "pipe: \(errno)"))
        }
        // Close-on-exec everywhere: the child gets only what the file actions give it.
        for descriptor in output + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        let arguments = [
            executable, "read-sheet", path, "--name", displayName, "--memory-mb", String(limits.memoryMegabytes),
            "--cpu-seconds", String(limits.cpuSeconds),
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        // A crashing child ends at once, without Swift's backtracer spending seconds on it.
        var variables = ProcessInfo.processInfo.environment
        variables["SWIFT_BACKTRACE"] = "enable=no"
        var environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, &argv, &environment)
        close(output[1])
        close(errors[1])
        defer {
            close(output[0])
            close(errors[0])
        }
        guard spawned == 0 else { throw failure(.notStarted(reason: String(cString: strerror(spawned)))) }

        var answer: [UInt8] = []
        var diagnostics: [UInt8] = []
        var open = [true, true]
        let deadline = SettleTracker.monotonic() + limits.wallSeconds
        var timedOut = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while open[0] || open[1] {
            let left = deadline - SettleTracker.monotonic()
            if left <= 0 {
                timedOut = true
                break
            }
            var descriptors = [
                pollfd(fd: open[0] ? output[0] : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: open[1] ? errors[0] : -1, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, Int32(min(left, 1) * 1000) + 1)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            for index in 0..<2 where open[index] && descriptors[index].revents != 0 {
                let descriptor = index == 0 ? output[0] : errors[0]
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 {
                    open[index] = false
                } else if index == 0 {
                    answer.append(contentsOf: chunk[0..<count])
                    if answer.count > maximumAnswerBytes {
                        timedOut = false
                        kill(pid, SIGKILL)
                        open = [false, false]
                    }
                } else if diagnostics.count < 4096 {
                    diagnostics.append(contentsOf: chunk[0..<min(count, 4096 - diagnostics.count)])
                }
            }
        }
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if timedOut { throw failure(.timedOut(seconds: limits.wallSeconds)) }
        // WIFSIGNALED / WEXITSTATUS, which Swift does not import.
        let signal = status & 0x7F
        if signal != 0 { throw failure(.signalled(signal)) }
        let exit = (status >> 8) & 0xFF
        guard exit == 0 else { throw failure(.exited(exit)) }
        return answer
    }
}
