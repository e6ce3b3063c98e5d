import ArgumentParser
import Clearance
import Pipeline

/// `lixiao export`: an ad-hoc department export, filtered, to a file of the user's choosing.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one item's lixiao export sheet for chosen people to a file of your choosing.",
        discussion: """
            The same sheet as the department export in outbox/ (with its origin, so it can be returned), \
            filtered by batch, 学工号 and 姓名. Filters combine: --id and --name may be repeated, and --id takes \
            ranges (2023110101-2023110160). An export carries one batch: people of several batches go to one \
            file per batch, named FILE-<batch>.xlsx. Exits 66 when nobody matches or a requested 学工号 is not \
            in any batch for this item (the others are still written).
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "The clearance item (its id or name), e.g. library or 图书馆.")
    var item: String

    @Option(help: "Only this batch (id or name); default: every batch with people, one file each.")
    var batch: String?

    @Option(name: .customLong("id"), help: "Only this 学工号 or range of 学工号 (repeatable).")
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
        let session = try options.readingSession(workspace, logger: options.logger())
        guard session.signsOrigins else {
            printError("error: the installation has no secret yet to sign exports with; run lixiao run first")
            throw ExitStatus.tryAgain
        }
        let filter = ExportFilter(batch: batch, ids: ids, names: name, college: college)
        let written = try AdHocExport.write(
            session: session, item: chosen, filter: filter, to: output, clock: options.clock)
        for file in written.files {
            print("wrote \(file.count) \(file.count == 1 ? "person" : "people") of \(file.batch) to \(file.path)")
        }
        if written.files.isEmpty { printError("error: nobody matches; nothing written") }
        if !written.unmatched.isEmpty {
            printError(
                "error: no one for \(chosen.name) with 学工号 " + written.unmatched.joined(separator: ", ")
                    + "; not exported")
        }
        if written.files.isEmpty || !written.unmatched.isEmpty { throw ExitStatus.noInput }
    }
}
