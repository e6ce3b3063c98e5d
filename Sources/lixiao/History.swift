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

    @Flag(
        help: """
            Print JSON: a list of {sequence, batch, time (UTC, as journalled), localTime, actor, source, row, kind, \
            field, old, new, remark}.
            """)
    var json = false

    func run() throws {
        let workspace = try options.workspace()
        let session = try options.readingSession(workspace, logger: options.logger())
        let history = try session.history(PersonID(id))
        let zone = options.clock.zone
        guard !history.isEmpty else {
            printError("error: no journalled change for 学工号 \(id)")
            throw ExitStatus.noInput
        }
        if json {
            let lines = history.map { batch, record in
                let entry = record.entry
                return "  {\"sequence\": \(record.sequence), \"batch\": \(JSONText.quote(batch.id)), "
                    + "\"time\": \(JSONText.quote(entry.time)), "
                    + "\"localTime\": \(JSONText.quote(zone.text(ledger: entry.time))), "
                    + "\"actor\": \(JSONText.quote(entry.actor)), "
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
                names[entry.source] = session.droppedName(entry.source)
            }
            let source = entry.source.isEmpty ? "" : (names[entry.source] ?? "") + (entry.row.map { " 行\($0)" } ?? "")
            return [
                zone.text(ledger: entry.time), batch.name, entry.actor, source,
                HistoryText.change(entry, batch: batch, university: workspace.university),
            ]
        }
        DisplayText.table(["time", "batch", "by", "file, row", "change"], rows)
    }
}

/// How journal entries read in `history`.
enum HistoryText {
    /// One record as a line: what changed, in `batch` (whose journal holds the record).
    static func change(_ entry: Ledger.JournalEntry, batch: Batch, university: University) -> String {
        switch entry.kind {
        case "add": "added to the batch"
        case "move": move(entry, batch: batch, university: university)
        case "profile" where entry.field == "离校批次": move(entry, batch: batch, university: university)
        case "profile": "\(entry.field): \(entry.oldValue) → \(entry.newValue)"
        case "withdraw":
            "已撤销离校 (withdrawn) by \(LeavingText.who(entry.actor, university)); reason: \(entry.remark)"
        case "restore": "恢复离校 (restored: added again after a withdrawal)"
        case "status":
            "\(university.item(ItemID(entry.field))?.name ?? entry.field): \(statusText(entry.oldValue)) → "
                + "\(statusText(entry.newValue))" + (entry.remark.isEmpty ? "" : "（\(entry.remark)）")
        case "issue": "两证已发放 (\(entry.remark))"
        default: "\(entry.kind) \(entry.field): \(entry.oldValue) → \(entry.newValue)"
        }
    }

    /// A move as the batch that journalled it sees it: 转出 from the batch left, 转入 into the batch joined.
    private static func move(_ entry: Ledger.JournalEntry, batch: Batch, university: University) -> String {
        let from = LeavingText.batchName(entry.oldValue, university)
        let to = LeavingText.batchName(entry.newValue, university)
        return entry.newValue == batch.id ? "转入 (moved in) from \(from)" : "转出 (moved out) to \(to)"
    }

    private static func statusText(_ code: String) -> String {
        Int(code).flatMap(Status.init(rawValue:))?.label ?? code
    }
}
