import Clearance
import Ledger

/// Everyone the registrar's export lists with student status, departing now or not.
///
/// Self-service applications are checked against it, and rosters may not overwrite anyone in it. It is
/// reference data, replaced row by row by each registry export, and kept as `ledger/registry.tsv` (written
/// atomically); its history is the archived registry files themselves.
final class RegistryReference {
    struct Entry: Sendable, Hashable {
        var person: Person
        /// The 离校批次 text as the registry gave it (possibly a batch this pipeline does not configure).
        var batchText: String
    }

    private(set) var entries: [PersonID: Entry] = [:]
    private let path: String
    static let header =
        ["学工号"] + ProfileField.allCases.filter { $0 != .batch && $0 != .studentStatus }.map(\.label)
        + ["离校批次"]

    init(ledgerRoot: String) {
        path = ledgerRoot + "/registry.tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { return }
        lines.removeFirst()
        let fields = ProfileField.allCases.filter { $0 != .batch && $0 != .studentStatus }
        for line in lines {
            let cells = LedgerText.fields(line)
            guard cells.count == Self.header.count else { continue }
            var person = Person(id: PersonID(cells[0]), name: "", college: "", level: "", batch: "")
            for (index, field) in fields.enumerated() { person[field] = cells[index + 1] }
            entries[person.id] = Entry(person: person, batchText: cells[cells.count - 1])
        }
    }

    func contains(_ id: PersonID) -> Bool { entries[id] != nil }

    func update(_ updates: [Entry]) {
        for entry in updates { entries[entry.person.id] = entry }
    }

    func save(with store: LedgerStore) throws(LedgerError) {
        let fields = ProfileField.allCases.filter { $0 != .batch && $0 != .studentStatus }
        var text = "\u{FEFF}" + LedgerText.line(Self.header)
        for entry in entries.values.sorted(by: { $0.person.id < $1.person.id }) {
            text += LedgerText.line([entry.person.id.rawValue] + fields.map { entry.person[$0] } + [entry.batchText])
        }
        try store.writeAtomically(Array(text.utf8), to: path)
    }
}
