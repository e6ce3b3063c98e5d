import ArgumentParser
import Clearance
import Ledger
import Pipeline

/// `lixiao history <学工号>`: every change to one person, oldest first.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every journalled change to one person, oldest first, with who made it and from which file."
    )

    @OptionGroup var options: PipelineOptions

    @Argument(help: "The person's 学工号.")
    var id: String

    @Flag(help: "Print JSON: a list of {sequence, batch, time, actor, source, row, kind, field, old, new, remark}.")
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.session(workspace, logger: options.logger())
        let history = try session.history(PersonID(id))
        guard !history.isEmpty else {
            printError("error: no journalled change for 学工号 \(id)")
            throw ExitStatus.noInput
        }
        if json {
            let lines = history.map { batch, record in
                let entry = record.entry
                return "  {\"sequence\": \(record.sequence), \"batch\": \(JSONText.quote(batch.id)), "
                    + "\"time\": \(JSONText.quote(entry.time)), \"actor\": \(JSONText.quote(entry.actor)), "
                    + "\"source\": \(JSONText.quote(entry.source)), \"row\": \(entry.row.map(String.init) ?? "null"), "
                    + "\"kind\": \(JSONText.quote(entry.kind)), \"field\": \(JSONText.quote(entry.field)), "
                    + "\"old\": \(JSONText.quote(entry.oldValue)), \"new\": \(JSONText.quote(entry.newValue)), "
                    + "\"remark\": \(JSONText.quote(entry.remark))}"
            }
            print("[\n" + lines.joined(separator: ",\n") + "\n]")
            return
        }
        var names: [String: String] = [:]
        let rows = history.map { batch, record -> [String] in
            let entry = record.entry
            // The file as it was dropped (from the archive's record of it), its hash's start when unknown.
            if !entry.source.isEmpty, names[entry.source] == nil {
                let dropped = (try? session.store.archive.processing(entry.source))?.first.flatMap {
                    $0.count > 2 ? $0[2] : nil
                }
                names[entry.source] = dropped ?? String(entry.source.prefix(12))
            }
            let source = entry.source.isEmpty ? "" : (names[entry.source] ?? "") + (entry.row.map { " 行\($0)" } ?? "")
            return [
                HistoryText.localTime(entry.time), batch.name, entry.actor, source,
                HistoryText.change(entry, university: workspace.university),
            ]
        }
        DisplayText.table(["time", "batch", "by", "file, row", "change"], rows)
    }
}

/// How journal entries read in `history`.
enum HistoryText {
    static func localTime(_ stored: String) -> String { LedgerTimeText.local(stored) }

    static func change(_ entry: Ledger.JournalEntry, university: University) -> String {
        switch entry.kind {
        case "add": "added to the batch"
        case "profile": "\(entry.field): \(entry.oldValue) → \(entry.newValue)"
        case "status":
            "\(university.item(ItemID(entry.field))?.name ?? entry.field): \(statusText(entry.oldValue)) → "
                + "\(statusText(entry.newValue))" + (entry.remark.isEmpty ? "" : "（\(entry.remark)）")
        case "issue": "两证已发放 (\(entry.remark))"
        default: "\(entry.kind) \(entry.field): \(entry.oldValue) → \(entry.newValue)"
        }
    }

    private static func statusText(_ code: String) -> String {
        Int(code).flatMap(Status.init(rawValue:))?.label ?? code
    }
}
