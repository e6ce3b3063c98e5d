import ArgumentParser
import Dispatch
import Glibc
import Ledger
import Pipeline

/// `lixiao watch`: the daemon that answers every dropped file.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch the inbox and process files as they settle, until SIGTERM or SIGINT.",
        discussion: """
            Uses inotify on Linux (every folder of the inbox tree) and falls back to polling; use --poll for \
            network mounts, where inotify misses changes made by other machines. Each burst of changes gives \
            one round: process every settled file, then regenerate the outbox once. The ledger is locked only \
            during a round; a second watch on the same root exits 75 naming the first one's pid \
            (ledger/watch.pid). SIGTERM or SIGINT finish the round in progress and exit 0. SIGHUP reads the \
            pipeline file again; a bad one is refused, logged with its file and line, and the old one kept. \
            Logs go to stderr, one line per file with its outcome; each round's account is kept in \
            ledger/status.json for lixiao status.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "Seconds a file must be unchanged before it is processed.")
    var settle: Double = 2

    @Option(help: "Poll every this many seconds instead of using inotify (for network mounts).")
    var poll: Double?

    @Option(help: "Seconds between unprompted rounds (files still settling, day-dependent outputs).")
    var rescan: Double = 60

    func validate() throws {
        guard settle >= 0, rescan >= 1, (poll ?? 1) >= 0.2 else {
            throw ValidationError("--settle must be 0 or more, --rescan 1 or more, --poll 0.2 or more.")
        }
    }

    func run() throws {
        signal(SIGXFSZ, SIG_IGN)
        let logger = options.logger(minimum: .notice)
        let workspace = try options.workspace()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ExitStatus.ioError }
        let writeEnd = ends[1]
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                var byte = number == SIGHUP ? WatchService.reloadByte : WatchService.stopByte
                _ = Glibc.write(writeEnd, &byte, 1)
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        do {
            try WatchService(
                workspace: workspace, settleSeconds: settle, polling: poll, rescanInterval: rescan, logger: logger,
                stop: ends[0], reload: { try options.loadWorkspace() }, clock: options.clock
            ).run()
        } catch let running as WatchService.AlreadyRunning {
            printError("error: \(running)")
            throw ExitStatus.tryAgain
        } catch let error as LedgerError {
            printError("error: \(error)")
            throw PipelineOptions.exitStatus(for: error)
        } catch let linked as FolderLayout.LinkedFolder {
            printError("error: \(linked)")
            throw ExitStatus.configuration
        }
    }
}
