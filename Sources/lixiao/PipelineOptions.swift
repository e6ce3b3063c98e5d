import ArgumentParser
import Clearance
import Foundation
import Ledger
import Logging
import Pipeline

/// Options every pipeline command shares: where the folders live and which pipeline file defines them.
struct PipelineOptions: ParsableArguments {
    @Option(help: "The folder holding inbox/, outbox/ and ledger/.", completion: .directory)
    var root = "."

    @Option(help: "The pipeline definition (TOML). Default: the built-in example university.", completion: .file())
    var pipeline: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "notice"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical.")
        }
    }

    /// The clock of this command: now, in the machine's zone (`TZ`, else the system's). The one place lixiao picks
    /// a zone; everything below converts for the zone this clock carries.
    var clock: RunClock { RunClock(zone: TimeZone.current) }

    /// The decoded pipeline under the chosen root; throws the definition's error (file and line) as it is.
    func loadWorkspace() throws -> Workspace {
        let definition = try pipeline.map { try PipelineDefinition.load(path: $0) } ?? PipelineDefinition.builtIn()
        return Workspace(root: root, definition: definition)
    }

    /// The decoded pipeline under the chosen root; exits 78 naming the file and line when it is refused, and —
    /// unless `laidOut` is false (`init`, `demo`) — when the root is not one `lixiao init` laid out, so that a
    /// mistyped `--root` never becomes a new, empty installation and a read-only command never creates anything.
    func workspace(laidOut: Bool = true) throws -> Workspace {
        let workspace: Workspace
        do {
            workspace = try loadWorkspace()
        } catch {
            printError("error: pipeline \(error)")
            throw ExitStatus.configuration
        }
        if laidOut, !Self.isLaidOut(workspace) {
            printError(
                "error: \(workspace.root) is not a lixiao root (it has no inbox/ and outbox/ folders); "
                    + "check --root, or lay one out with: lixiao init --root \(Self.quoted(workspace.root))")
            throw ExitStatus.configuration
        }
        return workspace
    }

    /// Whether `lixiao init` laid out the root: its inbox and outbox folders exist (a linked one is refused later,
    /// with its own message).
    static func isLaidOut(_ workspace: Workspace) -> Bool {
        var isFolder: ObjCBool = false
        for folder in [workspace.inbox, workspace.outbox] {
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                return false
            }
        }
        return true
    }

    /// `path` as a shell word: quoted when it holds anything but letters, digits and `/._-`.
    static func quoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "/._-".unicodeScalars.contains($0)
        }
        return plain ? path : "'" + path.replacing("'", with: "'\\''") + "'"
    }

    /// The ledger, locked and loaded; exits 75 when another lixiao holds it, 74 on I/O errors, 65 on damage or
    /// missing records, 78 when the ledger or a batch folder is missing where a season ran.
    ///
    /// With `loadingState` false the batches' states are left unread: call ``load(_:)`` before reading them.
    func session(_ workspace: Workspace, logger: Logger, loadingState: Bool = true) throws -> LedgerSession {
        do {
            let session = try LedgerSession(workspace: workspace, loadingState: loadingState)
            for note in session.notes { logger.warning("\(note)") }
            return session
        } catch {
            printError("error: \(error)")
            throw Self.exitStatus(for: error)
        }
    }

    /// The ledger opened for reading, without its lock (never refused or kept waiting by a round); with `person`,
    /// only that person's records are read. Exits as ``session(_:logger:loadingState:)`` does on damage.
    ///
    /// With `wholeJournals`, every journal is read to its last whole record even while a round runs (`verify`).
    func readingSession(
        _ workspace: Workspace, logger: Logger, person: PersonID? = nil, wholeJournals: Bool = false
    ) throws -> LedgerSession {
        do {
            let session = try LedgerSession(reading: workspace, person: person, wholeJournals: wholeJournals)
            for note in session.notes { logger.notice("\(note)") }
            return session
        } catch {
            printError("error: \(error)")
            throw Self.exitStatus(for: error)
        }
    }

    /// Loads the batches' states of a session opened without them, exiting as ``session(_:logger:loadingState:)``
    /// does on a problem.
    func load(_ session: LedgerSession) throws {
        do {
            try session.load()
        } catch {
            printError("error: \(error)")
            throw Self.exitStatus(for: error)
        }
    }

    /// The exit status for a ledger error: 75 locked, 65 damage or missing records, 78 a missing ledger, 74 I/O.
    static func exitStatus(for error: LedgerError) -> ExitCode {
        switch error.kind {
        case .locked: ExitStatus.tryAgain
        case .damaged, .snapshotDamaged, .recordsMissing, .stateDamaged: ExitStatus.dataError
        case .ledgerMissing, .batchMissing: ExitStatus.configuration
        default: ExitStatus.ioError
        }
    }

    /// Logs to standard error: as `<priority>message` lines when it is the systemd journal, otherwise with a
    /// time and level on each line.
    func logger(minimum: Logger.Level? = nil) -> Logger {
        let journal = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        var logger = Logger(label: "lixiao") { label in
            journal ? JournalLogHandler() as any LogHandler : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? minimum ?? .notice
        return logger
    }
}
