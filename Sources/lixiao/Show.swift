import ArgumentParser
import Clearance
import Pipeline

/// `lixiao show <学工号>`: one person's profile, items, eligibility and issuance, and their moves between batches
/// or withdrawal.
///
/// A person departing nowhere whom their college withdrew is shown in the batch they were withdrawn from.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one person: profile, every applicable item with status and remark, eligibility, issuance."
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The person's 学工号.")
    var id: String

    @Flag(
        help: """
            Print JSON: {id, name, college, batch, level, items: {name: {status, remark}}, eligible, issued, status \
            (departing or withdrawn), withdrawal, movedIn, movedOut}.
            """)
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.readingSession(workspace, logger: options.logger(), person: PersonID(id))
        guard let (state, record) = session.lookup(PersonID(id)) else {
            printError("error: no departing person with 学工号 \(id) in any batch of \(workspace.university.name)")
            throw ExitStatus.noInput
        }
        let university = workspace.university
        let items = university.applicableItems(for: record.person)
        let eligibility = Eligibility(record: record, university: university)
        let person = record.person
        let zone = options.clock.zone
        let leaving = ShowLeaving(session: session, state: state, record: record, zone: zone)
        if json {
            let itemText = items.map { item in
                let itemState = record.state(of: item.id)
                return "\(JSONText.quote(item.name)): {\"status\": \(itemState.status.rawValue), "
                    + "\"remark\": \(JSONText.quote(itemState.remark))}"
            }
            print(
                "{\"id\": \(JSONText.quote(person.id.rawValue)), \"name\": \(JSONText.quote(person.name)), "
                    + "\"college\": \(JSONText.quote(person.college)), \"batch\": \(JSONText.quote(state.batch.name)), "
                    + "\"batchId\": \(JSONText.quote(state.batch.id)), \"level\": \(JSONText.quote(person.level)), "
                    + "\"items\": {\(itemText.joined(separator: ", "))}, \"eligible\": \(eligibility.isEligible), "
                    + "\"issued\": \(record.isIssued), \(leaving.jsonFields.joined(separator: ", "))}")
            return
        }
        print("\(person.id) \(person.name)  \(person.college) \(person.major) \(person.className) \(person.level)")
        print(
            "batch: \(state.batch.name)   student status: \(person.hasStudentStatus ? "yes" : "no")"
                + (person.building.isEmpty ? "" : "   apartment: \(person.building) \(person.room)")
                + (person.advisorID.isEmpty ? "" : "   advisor: \(person.advisorName) (\(person.advisorID))"))
        for line in leaving.lines { print(line) }
        let width = items.map { DisplayText.width($0.name) }.max() ?? 0
        for item in items {
            let itemState = record.state(of: item.id)
            print(
                "  " + DisplayText.pad(item.name, width) + "  " + DisplayText.pad(itemState.status.label, 10)
                    + "  " + itemState.remark)
        }
        let blockers = eligibility.blockers.map(\.item.name).joined(separator: ", ")
        print(
            "eligible: " + (eligibility.isEligible ? "yes" : "no (pending: \(blockers))")
                + "   issued: "
                + (record.issuance.map { "yes, \(zone.text(ledger: $0.time)) by \($0.source)" } ?? "no"))
    }
}
