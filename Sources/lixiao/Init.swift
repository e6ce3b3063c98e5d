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
        let workspace = try options.workspace()
        // Advisors the ledger already names get their folders too (when no other lixiao holds it).
        var advisors: [String: String] = [:]
        let journals = (try? FileManager.default.contentsOfDirectory(atPath: workspace.ledger)) ?? []
        if !journals.isEmpty, let session = try? LedgerSession(workspace: workspace) { advisors = session.advisors }
        let created = try Run.layOut(workspace, creatingLedger: true, advisors: advisors)
        print("\(workspace.university.name): \(created.count) folders created under \(workspace.root)")
        print("inbox:  \(workspace.inbox)\noutbox: \(workspace.outbox)\nledger: \(workspace.ledger)")
    }
}
