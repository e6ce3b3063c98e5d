import ArgumentParser
import Pipeline

/// `lixiao init`: lays out the inbox and outbox folders for a pipeline.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the inbox/ and outbox/ folder tree for the pipeline, with a 说明.txt in each inbox folder."
    )

    @OptionGroup var options: PipelineOptions

    func run() throws {
        let workspace = try options.workspace()
        let created = try Run.layOut(workspace, creatingLedger: true)
        print("\(workspace.university.name): \(created.count) folders created under \(workspace.root)")
        print("inbox:  \(workspace.inbox)\noutbox: \(workspace.outbox)\nledger: \(workspace.ledger)")
    }
}
