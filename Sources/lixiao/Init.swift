import ArgumentParser
import Foundation
import Pipeline

/// `lixiao init`: lays out the inbox and outbox folders for a pipeline.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the inbox/ and outbox/ folder tree for the pipeline, with a 说明.txt in each inbox folder."
    )

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let workspace = try options.workspace(laidOut: false)
        // Advisors the ledger already names get their folders too (when no other lixiao holds it).
        var advisors: [String: String] = [:]
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: workspace.ledger)) ?? []
        if !journals.isEmpty, let session = try? LedgerSession(workspace: workspace) { advisors = session.advisors }
        let created = try Run.layOut(workspace, creatingLedger: true, advisors: advisors)
        print("\(workspace.university.name): \(created.count) folders created under \(workspace.root)")
        print("inbox:  \(workspace.inbox)\noutbox: \(workspace.outbox)\nledger: \(workspace.ledger)")
        // The blank templates are built from the pipeline alone: staff can start from them at once. A daemon
        // holding the ledger writes them itself.
        if let session = try? LedgerSession(workspace: workspace) {
            let outputs = try Regenerator(session: session, clock: options.clock).regenerate()
            for failure in outputs.failures { printError("error: output \(failure)") }
        }
        let root = PipelineOptions.quoted(workspace.root)
        print(
            """

            Next:
              1. Drop the registrar's student-status export (xlsx, xls or csv) into \(workspace.inbox)/registry/
              2. Run `lixiao run --root \(root)`, or keep `lixiao watch --root \(root)` running
                 (`lixiao service-unit --root \(root)` prints a systemd unit for it).
              3. Each department, college and advisor collects its files from \(workspace.outbox)/ and drops
                 returns into its own folder under \(workspace.inbox)/ (each has a 说明.txt); blank templates
                 are in \(workspace.outbox)/templates/.
            """)
    }
}
