import ArgumentParser
import Pipeline

/// `lixiao verify`: replays every journal, checks every checksum and the chain, and compares with the snapshot.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every journal record's checksum and the hash chain, and compare each snapshot with a replay.",
        discussion: "Exits 0 when everything is intact; 65 naming the first bad record or the first difference."
    )

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.readingSession(workspace, logger: options.logger(), wholeJournals: true)
        // Verify reads without the ledger's lock, changing nothing: a torn last record (an append that never
        // finished, or one in progress) is left out of what it checks, and cut by the next round.
        for note in session.notes { print("note: \(note)") }
        let reports = LedgerVerifier.verify(session)
        var failed = false
        for report in reports {
            print("\(report.batch): \(report.summary)")
            failed = failed || !report.isIntact
        }
        if failed { throw ExitStatus.dataError }
    }
}
