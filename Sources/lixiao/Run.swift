import ArgumentParser
import Foundation
import Glibc
import Ledger
import Pipeline

/// `lixiao run`: processes the inbox once and exits (for cron and tests).
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Process every settled file in the inbox once, then exit.",
        discussion: """
            Takes in the registry export and college rosters, then every department return, advisor \
            signature, issuance confirmation and application, oldest file first, each all-or-nothing, and \
            answers each with a receipt under the dropper's outbox folder; files in a 预览/ folder get the \
            receipt of what would happen. Then regenerates the outbox files whose inputs changed. Exits 74 if \
            the disk is full or an I/O error stops processing: the file in hand stays in the inbox and the \
            ledger is as it was.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(
        help:
            "Seconds a file must be unchanged before it is processed; run waits up to this long for files still copying."
    )
    var settle: Double = 2

    func run() throws {
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit must fail a write with EFBIG, not kill the process
        let logger = options.logger()
        let workspace = try options.workspace()
        try Self.layOut(workspace)
        let clock = options.clock
        // A round with an empty inbox, snapshots saved through every record and an outbox already built from the
        // journals as they are reads no state.
        let session = try options.session(workspace, logger: logger, loadingState: false)
        let regenerator = Regenerator(session: session, clock: clock)
        if session.snapshotsNeedWriting || InboxTree.holdsEntries(workspace.inbox)
            || (try? regenerator.isCurrent()) != true
        {
            try options.load(session)
        }
        let started = clock.now()
        let summary: PipelineRun.Summary
        do {
            for path in try session.removeLeftoverTemporaryFiles() {
                logger.notice("removed a temporary file a crash left: \(path)")
            }
            summary = try PipelineRun(
                session: session, settleSeconds: settle, clock: clock, logger: logger, loader: .isolated(),
                waitsForSettling: true
            ).run()
        } catch let error as LedgerError {
            printError("error: \(error); processing stopped, the file in hand stays in the inbox")
            throw PipelineOptions.exitStatus(for: error)
        } catch {
            printError("error: \(error); processing stopped, the file in hand stays in the inbox")
            throw ExitStatus.ioError
        }
        for line in summary.receipts {
            print("\(Printable.text(line.folder))/\(Printable.text(line.fileName)): \(Printable.text(line.outcome))")
        }
        for path in summary.settling { print("waiting (still changing): \(Printable.text(path))") }
        if summary.receipts.isEmpty, summary.settling.isEmpty { print("inbox empty: nothing to do") }
        let outputs: Regenerator.Summary
        do {
            outputs = try regenerator.regenerate(
                progress: TerminalProgress.reporter("outputs"))
        } catch let error as LedgerError {
            TerminalProgress.finish()
            printError("error: \(error); the outbox was not regenerated")
            throw PipelineOptions.exitStatus(for: error)
        }
        TerminalProgress.finish()
        print(
            String(
                format: "outbox: %d written, %d unchanged, %d removed in %.2f s", outputs.written.count,
                outputs.unchanged, outputs.removed.count, outputs.seconds))
        for failure in outputs.failures { printError("error: output \(failure)") }
        let status = RoundStatus.of(
            summary, outputs: outputs, started: started, by: "run", errors: outputs.failures.map { "output \($0)" },
            earlier: RoundStatus.read(ledger: workspace.ledger))
        do { try status.write(ledger: workspace.ledger) } catch { logger.error("\(error)") }
        // Advisors' folders come from the states; a round that read none changed none (an advisor's deleted
        // folder is made again by the next round that reads them, or by `lixiao init`).
        if session.isLoaded { try FolderLayout.create(workspace, advisors: session.advisors) }
        // An output that could not be built is reported, and the rest were written; only the disk stops a run.
        if outputs.diskFailure { throw ExitStatus.ioError }
    }

    /// Lays out the root's folders; a linked inbox or outbox is a configuration error (78).
    @discardableResult
    static func layOut(_ workspace: Workspace, creatingLedger: Bool = false, advisors: [String: String] = [:])
        throws -> [String]
    {
        do {
            return try FolderLayout.create(workspace, creatingLedger: creatingLedger, advisors: advisors)
        } catch let linked as FolderLayout.LinkedFolder {
            printError("error: \(linked)")
            throw ExitStatus.configuration
        }
    }
}
