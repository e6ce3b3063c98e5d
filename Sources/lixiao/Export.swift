import ArgumentParser
import Clearance
import Pipeline

/// `lixiao export`: an ad-hoc department export, filtered, to a file of the user's choosing.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one item's lixiao export sheet for chosen people to a file of your choosing.",
        discussion: """
            The same sheet as the department export in outbox/ (with its origin, so it can be returned), \
            filtered by batch, 学工号 and 姓名. Filters combine: --id and --name may be repeated.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "The clearance item (its id or name), e.g. library or 图书馆.")
    var item: String

    @Option(help: "Only this batch (id or name); default: every batch with people.")
    var batch: String?

    @Option(name: .customLong("id"), help: "Only this 学工号 (repeatable).")
    var ids: [String] = []

    @Option(help: "Only people whose 姓名 contains this text (repeatable).")
    var name: [String] = []

    @Option(help: "Only this college (name or id).")
    var college: String?

    @Option(name: .shortAndLong, help: "The .xlsx file to write.", completion: .file(extensions: ["xlsx"]))
    var output: String

    func validate() throws {
        guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--output must end in .xlsx") }
    }

    func run() throws {
        let workspace = try options.workspace()
        let university = workspace.university
        guard let chosen = university.items.first(where: { $0.id.rawValue == item || $0.name == item }) else {
            throw usageError(
                "no item \"\(item)\"; the pipeline has \(university.items.map(\.name).joined(separator: ", "))")
        }
        if let batch, university.batch(named: batch) == nil {
            throw usageError(
                "no batch \"\(batch)\"; the pipeline has \(university.batches.map(\.name).joined(separator: ", "))")
        }
        if let college, university.college(named: college) == nil {
            throw usageError("no college \"\(college)\" in the pipeline")
        }
        let session = try options.session(workspace, logger: options.logger())
        let filter = ExportFilter(batch: batch, ids: Set(ids), names: name, college: college)
        let count = try AdHocExport.write(session: session, item: chosen, filter: filter, to: output)
        print("wrote \(count) \(count == 1 ? "person" : "people") to \(output)")
    }
}
