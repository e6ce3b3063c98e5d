import Clearance
import Ledger

/// Everyone the registrar's export lists with student status, departing now or not.
///
/// Self-service applications are checked against it, and rosters may not overwrite anyone in it. It is
/// reference data, replaced row by row by each registry export, and kept as `ledger/registry.tsv` (written
/// atomically). Only the profile fields are kept: the columns a registry export carries beyond them are never
/// saved (the archive keeps no copy of the export once it is answered).
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

    /// Reads `ledger/registry.tsv`; a missing file is an empty reference, but one that cannot be read or decoded
    /// is an error, never an empty reference (the next registry export would then overwrite it with only its own
    /// people).
    init(ledgerRoot: String, store: LedgerStore) throws(LedgerError) {
        path = ledgerRoot + "/registry.tsv"
        guard let bytes = try store.contentsIfPresent(path) else { return }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError(.stateDamaged(file: path, line: 0, reason: "it is not UTF-8 text"))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.isEmpty else { return }
        let header = LedgerText.fields(first)
        guard header.first == Self.header[0], header.last == Self.header[Self.header.count - 1] else {
            throw LedgerError(.stateDamaged(file: path, line: 1, reason: "the header row is not lixiao's"))
        }
        var columns: [String: Int] = [:]
        for (index, label) in header.enumerated() { columns[label] = index }
        let fields = ProfileField.allCases.filter { $0 != .batch && $0 != .studentStatus }
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = LedgerText.fields(line)
            guard cells.count == header.count else {
                throw LedgerError(
                    .stateDamaged(
                        file: path, line: index + 1, reason: "a row has \(cells.count) fields, not \(header.count)"))
            }
            var person = Person(id: PersonID(cells[0]), name: "", college: "", level: "", batch: "")
            for field in fields {
                if let column = columns[field.label] { person[field] = cells[column] }
            }
            entries[person.id] = Entry(person: person, batchText: cells[cells.count - 1])
        }
    }

    func contains(_ id: PersonID) -> Bool { entries[id] != nil }

    /// How many of `ids` have a row.
    func count(of ids: Set<PersonID>) -> Int { ids.filter { entries[$0] != nil }.count }

    /// Removes the rows of `ids` (a purged batch's people); call ``save(with:)`` after.
    func remove(_ ids: Set<PersonID>) {
        for id in ids { entries[id] = nil }
    }

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
