import ArgumentParser
import Clearance
import Pipeline

/// `lixiao stats`: status counts per item and eligibility and issuance per college, per batch.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print status counts per item, and eligibility and issuance per college, for each batch."
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "Only this batch (its id or name).")
    var batch: String?

    @Flag(
        help: """
            Print JSON instead of tables: per batch {batch, name, people, withdrawn, movedOut, items, colleges}; \
            people withdrawn or moved to another batch are counted only in withdrawn and movedOut.
            """)
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        let university = workspace.university
        if let batch, university.batch(named: batch) == nil {
            throw usageError(
                "no batch \"\(batch)\"; the pipeline has \(university.batches.map(\.name).joined(separator: ", "))")
        }
        let session = try options.readingSession(workspace, logger: options.logger())
        let states = session.states.filter { batch == nil || $0.batch.id == batch || $0.batch.name == batch }
        var documents: [String] = []
        for state in states {
            let statistics = BatchStatistics(state: state, university: university)
            if json {
                documents.append(jsonText(state.batch, statistics, university))
                continue
            }
            let leavers =
                statistics.withdrawn + statistics.movedOut == 0
                ? ""
                : " (not counted: \(statistics.withdrawn) withdrawn, \(statistics.movedOut) moved to another batch)"
            print(
                "\n\(state.batch.name) (\(state.batch.id)), deadline \(state.batch.deadline): \(statistics.people) people"
                    + leavers + "\n")
            let itemRows = statistics.items.map { counts -> [String] in
                let name = university.item(counts.item)?.name ?? counts.item.rawValue
                let total = counts.total
                let rate = total.total == 0 ? "-" : "\(total.cleared * 100 / total.total)%"
                return [
                    name, String(total.total), String(total.pending), String(total.notRequired), String(total.done),
                    rate,
                ]
            }
            DisplayText.table(
                ["item", "applies", "1 未办理", "2 无需办理", "3 已办理", "cleared"], itemRows,
                numeric: [1, 2, 3, 4, 5])
            print("")
            let collegeRows = statistics.colleges.map { college in
                [
                    college.college, String(college.people), String(college.eligible), String(college.issued),
                    String(college.blocked), String(college.heldAfterIssuance),
                ]
            }
            DisplayText.table(
                ["college", "people", "eligible", "issued", "blocked", "held after issue"], collegeRows,
                numeric: [1, 2, 3, 4, 5])
        }
        if json { print("[" + documents.joined(separator: ",\n") + "]") }
    }

    private func jsonText(_ batch: Batch, _ statistics: BatchStatistics, _ university: University) -> String {
        let items = statistics.items.map { counts in
            "{\"id\": \(JSONText.quote(counts.item.rawValue)), \"name\": \(JSONText.quote(university.item(counts.item)?.name ?? "")), "
                + "\"pending\": \(counts.total.pending), \"notRequired\": \(counts.total.notRequired), "
                + "\"done\": \(counts.total.done)}"
        }
        let colleges = statistics.colleges.map { college in
            "{\"college\": \(JSONText.quote(college.college)), \"people\": \(college.people), "
                + "\"eligible\": \(college.eligible), \"issued\": \(college.issued), \"blocked\": \(college.blocked), "
                + "\"heldAfterIssuance\": \(college.heldAfterIssuance)}"
        }
        return
            "{\"batch\": \(JSONText.quote(batch.id)), \"name\": \(JSONText.quote(batch.name)), \"people\": \(statistics.people), "
            + "\"withdrawn\": \(statistics.withdrawn), \"movedOut\": \(statistics.movedOut), "
            + "\"items\": [\(items.joined(separator: ", "))], \"colleges\": [\(colleges.joined(separator: ", "))]}"
    }
}
