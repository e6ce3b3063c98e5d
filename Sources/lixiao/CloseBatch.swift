import ArgumentParser
import Clearance
import Foundation
import Glibc
import Pipeline

/// `lixiao close-batch <batch>`: closes a batch after its deadline, so that files dropped later change none of its
/// people (their receipts say when and why it was closed); `--reopen` opens it again. Without a batch it lists how
/// each batch stands.
struct CloseBatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-batch",
        abstract: "Close a batch after its deadline (returns for it are then refused), or reopen it.",
        discussion: """
            Every closing and reopening is kept, with when, who and why, in ledger/<batch>/closure.tsv. A closed \
            batch's people keep every list and statistic as they stood; a returned sheet exported from it is \
            refused whole, and any other file's rows that would change its people are refused row by row, each \
            receipt saying when and why the batch was closed. Without BATCH, prints how each batch stands.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The batch (its id or name), e.g. 2027-summer or 2027届夏季毕业.")
    var batch: String?

    @Flag(help: "Open the batch again.")
    var reopen = false

    @Option(help: "Why (kept with the closing and quoted in every receipt that refuses a change).")
    var reason = ""

    @Flag(help: "Close the batch even though its deadline has not passed.")
    var beforeDeadline = false

    func validate() throws {
        if batch == nil, reopen || beforeDeadline || !reason.isEmpty {
            throw ValidationError("name the batch to close or reopen")
        }
        if reason.contains(where: { $0.isNewline || $0 == "\t" }) {
            throw ValidationError("--reason must be one line")
        }
    }

    func run() throws {
        let workspace = try options.workspace()
        let university = workspace.university
        guard let batch else {
            let session = try options.readingSession(workspace, logger: options.logger())
            let closures = try Self.closures(session)
            for batch in university.batches {
                let closure = closures[batch.id] ?? BatchClosure()
                let state =
                    if let standing = closure.standing {
                        "closed since \(standing.time) by \(standing.by)"
                            + (standing.reason.isEmpty ? "" : " (\(standing.reason))")
                    } else {
                        "open (deadline \(batch.deadline))"
                    }
                print("\(batch.id)\t\(batch.name)\t\(state)")
            }
            return
        }
        guard let chosen = university.batch(named: batch) else {
            throw usageError(
                "no batch \"\(batch)\"; the pipeline has \(university.batches.map(\.name).joined(separator: ", "))")
        }
        let session = try options.session(workspace, logger: options.logger(), loadingState: false)
        let outcome: LedgerSession.Closing
        do {
            outcome = try session.close(
                chosen, closes: !reopen, reason: reason, by: Self.user(), clock: options.clock,
                beforeDeadline: beforeDeadline)
        } catch {
            printError("error: \(error)")
            throw PipelineOptions.exitStatus(for: error)
        }
        switch outcome {
        case .recorded(let event):
            print("\(event.closes ? "closed" : "reopened") \(chosen.name) (\(chosen.id)) at \(event.time)")
            if event.closes {
                print(
                    "files dropped from now on change none of its people; reopen with: lixiao close-batch \(chosen.id) --reopen"
                )
            }
        case .already(let standing):
            if let standing {
                print("\(chosen.name) (\(chosen.id)) is already closed, since \(standing.time) by \(standing.by)")
            } else {
                print("\(chosen.name) (\(chosen.id)) is open")
            }
        case .purged(let time):
            printError("error: \(chosen.name)'s personal data was purged at \(time); a purged batch stays closed")
            throw ExitStatus.usage
        case .beforeDeadline(let deadline):
            printError(
                "error: \(chosen.name)'s deadline \(deadline) has not passed; close it now with --before-deadline")
            throw ExitStatus.usage
        }
    }

    static func closures(_ session: LedgerSession) throws -> [String: BatchClosure] {
        do {
            return try session.closures()
        } catch {
            printError("error: \(error)")
            throw PipelineOptions.exitStatus(for: error)
        }
    }

    /// Who runs the command, for the record: `SUDO_USER` when run through sudo, else the login name, else the uid.
    static func user() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let sudo = environment["SUDO_USER"], !sudo.isEmpty { return sudo }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }
}
