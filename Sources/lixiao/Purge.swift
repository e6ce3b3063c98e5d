import ArgumentParser
import Clearance
import Foundation
import Ledger
import Pipeline

/// `lixiao purge [BATCH]`: lets a closed batch's personal data go once the pipeline's retention period has passed.
struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a closed batch's personal data once its retention period has passed; statistics stay.",
        discussion: """
            A batch can be purged once it has been closed (lixiao close-batch) for the days the pipeline's \
            [retention] section sets (1095 by default). Purging replaces every journal record's personal payload \
            (names, profiles, remarks, reasons) by its salted commitment — the hash chain is unchanged, so \
            `lixiao verify` still proves every record — rebuilds the snapshot without names, removes the batch's \
            people from ledger/registry.tsv and ledger/notices.tsv, removes the received files' copies and every \
            receipt (in the archive and the outbox) that names one of them, and leaves only the batch's \
            statistics in the outbox. Kept: 学工号, college, class, level, building, statuses and times, so the \
            statistics per item, college and day are as before. Without BATCH, every batch that is due is purged. \
            --dry-run shows what would go and changes nothing. Recorded in ledger/<batch>/purge.tsv.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The batch (its id or name); without it, every batch that is due.")
    var batch: String?

    @Flag(help: "Show what would be removed, and change nothing.")
    var dryRun = false

    func run() throws {
        let workspace = try options.workspace()
        let university = workspace.university
        var chosen = university.batches
        if let batch {
            guard let found = university.batch(named: batch) else {
                throw usageError(
                    "no batch \"\(batch)\"; the pipeline has \(university.batches.map(\.name).joined(separator: ", "))")
            }
            chosen = [found]
        }
        let clock = options.clock
        var plans: [PurgePlan] = []
        // Batches purged before: the snapshot and the outbox are brought in line again (a purge cut short after
        // its journal was replaced is finished so).
        var finished: [Batch] = []
        do {
            let session = try options.session(workspace, logger: options.logger(), loadingState: false)
            for batch in chosen {
                switch try session.purgePlan(batch, clock: clock) {
                case .success(let plan):
                    plans.append(plan)
                    describe(plan)
                case .failure(let refused):
                    print(
                        "\(batch.id)\t\(batch.name)\t\(Self.text(refused.refusal, days: workspace.definition.retentionDays))"
                    )
                    if case .purged = refused.refusal {
                        finished.append(batch)
                    } else if self.batch != nil, !dryRun {
                        throw ExitStatus.usage
                    }
                }
            }
            if dryRun {
                if !plans.isEmpty { print("dry run: nothing was changed") }
                return
            }
            guard !plans.isEmpty || !finished.isEmpty else { return }
            for plan in plans {
                let purged = try session.purge(plan, by: CloseBatch.user(), clock: clock)
                print(
                    "purged \(plan.batch.name) (\(plan.batch.id)): \(purged.records) records' personal data; "
                        + (purged.lastHashAfter == purged.lastHashBefore
                            ? "the journal's chain is unchanged (last hash \(purged.lastHashAfter.prefix(16))…)"
                            : "the journal was sealed again in the current format after being verified "
                                + "(last hash \(purged.lastHashBefore.prefix(16))… → \(purged.lastHashAfter.prefix(16))…)")
                )
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("error: \(error)")
            throw (error as? LedgerError).map(PipelineOptions.exitStatus(for:)) ?? ExitStatus.ioError
        }
        // A fresh session reads the purged journals: the snapshots are saved without names, and the outbox keeps
        // only the purged batches' statistics.
        do {
            let session = try options.session(workspace, logger: options.logger())
            try session.writeSnapshots()
            let summary = try Regenerator(session: session, clock: clock).regenerate()
            for batch in plans.map(\.batch) + finished { session.removeEmptyFolders(of: batch) }
            print("outbox: \(summary.written.count) written, \(summary.removed.count) removed")
            for failure in summary.failures { printError("error: output \(failure)") }
        } catch {
            printError("error: \(error)")
            throw (error as? LedgerError).map(PipelineOptions.exitStatus(for:)) ?? ExitStatus.ioError
        }
    }

    private func describe(_ plan: PurgePlan) {
        print(
            "\(plan.batch.id)\t\(plan.batch.name)\tdue: closed \(plan.closedAt), retention \(plan.dueDays) days")
        print("  people: \(plan.people) (学工号 and what statistics count by are kept)")
        print(
            "  journal: personal data of \(plan.records) records"
                + (plan.reseals ? " (the journal is of an earlier format and is sealed again first)" : ""))
        print("  received files: \(plan.archived.count) (copies, receipts and names)")
        print("  outbox receipts naming its people: \(plan.receipts.count)")
        print("  ledger/registry.tsv rows: \(plan.registryRows); ledger/notices.tsv: \(plan.noticeRequests)")
        print("  outbox: every list and notice of the batch (its statistics stay)")
    }

    static func text(_ refusal: PurgeRefusal, days: Int) -> String {
        switch refusal {
        case .notClosed: "open: close it first (lixiao close-batch), then wait \(days) days"
        case .retained(let closedAt, let left): "closed \(closedAt); retained for \(left) more days"
        case .purged(let time): "purged at \(time)"
        }
    }
}
