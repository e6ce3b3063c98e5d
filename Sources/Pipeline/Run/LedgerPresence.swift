import Clearance
import Foundation
import Glibc
import Ledger

/// Refuses to open a ledger that lost part of itself where a season evidently ran (DESIGN.md §4).
///
/// A missing `ledger/` is a fresh start only while nothing shows a season ran under this root: no receipt and no
/// generated workbook (other than the blank templates) in the outbox. A missing batch folder is a fresh batch only while `ledger/outputs.tsv`
/// records no output of that batch. And no batch's journal may end before the position an output was built at.
/// Only `lixiao init` lays out a new ledger where an old one is gone.
enum LedgerPresence {
    /// Throws ``LedgerError/Kind/ledgerMissing(path:evidence:)`` when `ledger/` is missing but the outbox shows a
    /// season ran; checked before anything is created.
    static func requireLedgerFolder(_ workspace: Workspace) throws(LedgerError) {
        var status = stat()
        guard lstat(workspace.ledger, &status) != 0, errno == ENOENT else { return }
        guard let evidence = outboxEvidence(workspace.outbox) else { return }
        throw LedgerError(.ledgerMissing(path: workspace.ledger, evidence: evidence))
    }

    /// Throws ``LedgerError/Kind/stateDamaged(file:line:reason:)`` when `ledger/registry.tsv` (everyone's student
    /// status, from the registrar's exports) is missing but the archive records a registry export taken in: the
    /// file is written with every such export, so its absence is a loss, not a fresh start.
    ///
    /// Costs one `lstat` while the file is there; the archive is read only when it is not.
    static func requireRegistryReference(_ workspace: Workspace) throws(LedgerError) {
        let path = workspace.ledger + "/registry.tsv"
        var status = stat()
        guard lstat(path, &status) != 0, errno == ENOENT else { return }
        guard let evidence = registryEvidence(archive: workspace.ledger + "/archive") else { return }
        throw LedgerError(
            .stateDamaged(
                file: path, line: 0, reason: "it is missing, but \(evidence), so registry exports were taken in"))
    }

    /// A registry export the archive records as processed, described for the message; `nil` when there is none.
    static func registryEvidence(archive: String) -> String? {
        let manager = FileManager.default
        for shard in ((try? manager.contentsOfDirectory(atPath: archive)) ?? []).sorted() {
            for file in ((try? manager.contentsOfDirectory(atPath: archive + "/" + shard)) ?? []).sorted() {
                let record = "\(archive)/\(shard)/\(file)/processed.tsv"
                guard let text = try? String(contentsOfFile: record, encoding: .utf8) else { continue }
                for line in text.split(whereSeparator: \.isNewline) {
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                    guard fields.count >= 4, fields[1] == "registry", fields[3] == "processed" else { continue }
                    return
                        "\(record) records 「\(fields[2])」 from inbox/registry/ taken in at \(fields[0].trimmingPrefix("\u{FEFF}"))"
                }
            }
        }
        return nil
    }

    /// Throws ``LedgerError/Kind/batchMissing(path:batch:evidence:)`` when the batch's folder is missing but the
    /// outputs record lists outputs of that batch.
    static func requireBatchFolder(_ batch: Batch, workspace: Workspace, outputs: OutputIndex) throws(LedgerError) {
        let folder = workspace.ledger + "/" + batch.id
        var status = stat()
        guard lstat(folder, &status) != 0, errno == ENOENT else { return }
        let built = outputs.outputs(of: batch)
        guard let example = built.first else { return }
        throw LedgerError(
            .batchMissing(
                path: folder, batch: batch.id,
                evidence:
                    "\(outputs.path) records \(built.count) outbox files of \(batch.name) (such as \(example.path))"
            ))
    }

    /// Throws ``LedgerError/Kind/recordsMissing(journal:batch:lastSequence:shownSequence:shownBy:)`` when an output
    /// of the batch was built at a ledger position beyond the journal's end.
    /// `furthest` is the outputs record's ``OutputIndex/furthestSequence``.
    static func requireOutputsWithin(
        _ journal: Journal, batch: Batch, outputs: OutputIndex, furthest positions: [String: Int]
    ) throws(LedgerError) {
        let furthest = positions[batch.name] ?? 0
        guard furthest > journal.lastSequence else { return }
        throw LedgerError(
            .recordsMissing(
                journal: journal.path, batch: batch.id, lastSequence: journal.lastSequence, shownSequence: furthest,
                shownBy: outputs.path))
    }

    /// A receipt or generated workbook in the outbox, described for the message; `nil` when there is none.
    ///
    /// The blank templates (`outbox/templates/`) do not count: they are built from the pipeline alone.
    static func outboxEvidence(_ outbox: String) -> String? {
        guard let walker = FileManager.default.enumerator(atPath: outbox) else { return nil }
        while let relative = walker.nextObject() as? String {
            if relative == "templates" {
                walker.skipDescendants()
                continue
            }
            let name = (relative as NSString).lastPathComponent
            var status = stat()
            guard !name.hasPrefix("."), lstat(outbox + "/" + relative, &status) == 0,
                status.st_mode & S_IFMT == S_IFREG
            else { continue }
            if relative.split(separator: "/").contains("回执") {
                return "the outbox holds receipts (such as \(outbox)/\(relative))"
            }
            if name.hasSuffix(".xlsx") || name.hasSuffix(".pdf") {
                return "the outbox holds generated files (such as \(outbox)/\(relative))"
            }
        }
        return nil
    }
}
