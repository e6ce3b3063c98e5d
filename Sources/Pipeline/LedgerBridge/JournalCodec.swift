import Clearance
import Foundation
import Ledger

/// Domain changes as journal entries and back: the only place that knows how a `Change` reads in the journal.
///
/// | kind     | field            | old → new                   | remark      |
/// |----------|------------------|-----------------------------|-------------|
/// | add      | (empty)          | → the profile, as JSON      |             |
/// | profile  | 专业, 班级 …     | old text → new text         |             |
/// | status   | item id          | 1 → 3                       | new remark  |
/// | issue    | 两证             | → 已发放                    |             |
/// | move     | 离校批次         | old batch id → new batch id |             |
/// | withdraw | 撤销离校         | → 已撤销                    | the reason  |
/// | restore  | 撤销离校         | 已撤销 → 恢复               |             |
///
/// A move is journalled in both batches; its time, folder (actor) and file (source) are the record's own. Journals
/// written before `move` existed hold a move as a `profile` record of 离校批次: it still moves the person (their
/// 离校批次 changes), but records no ``Transfer``, exactly as the snapshots written then did, so `verify` agrees
/// with them; `history` names it 转出/转入 all the same.
enum JournalCodec {
    static let moveField = "离校批次"
    static let withdrawalField = "撤销离校"

    static func entry(_ change: Change, time: String, actor: String, source: String, row: Int?) -> JournalEntry {
        var entry = JournalEntry(
            time: time, actor: actor, source: source, row: row, person: change.person.rawValue,
            kind: "", field: "", oldValue: "", newValue: "", remark: "")
        switch change {
        case .added(let person):
            entry.kind = "add"
            entry.newValue = profileJSON(person)
        case .profileChanged(_, let field, let old, let new):
            entry.kind = "profile"
            entry.field = field.label
            entry.oldValue = old
            entry.newValue = new
        case .statusSet(_, let item, let old, let new):
            entry.kind = "status"
            entry.field = item.rawValue
            entry.oldValue = String(old.status.rawValue)
            entry.newValue = String(new.status.rawValue)
            entry.remark = new.remark
        case .issued(_, let issuance):
            entry.kind = "issue"
            entry.field = "两证"
            entry.newValue = "已发放"
            entry.remark = issuance.source
        case .moved(_, let transfer):
            entry.kind = "move"
            entry.field = moveField
            entry.oldValue = transfer.from
            entry.newValue = transfer.to
        case .withdrawn(_, let withdrawal):
            entry.kind = "withdraw"
            entry.field = withdrawalField
            entry.newValue = "已撤销"
            entry.remark = withdrawal.reason
        case .restored:
            entry.kind = "restore"
            entry.field = withdrawalField
            entry.oldValue = "已撤销"
            entry.newValue = "恢复"
        }
        entry.kept = kept(entry)
        return entry
    }

    /// The profile fields that outlive a purge: what statistics and applicability read (college, class, level,
    /// building, student status, whether there is an advisor), nothing that names anyone.
    static let keptFields: Set<ProfileField> = [.college, .className, .level, .building, .studentStatus, .advisorID]

    /// What a record keeps when its payload is purged: a status's, move's, issuance's or withdrawal's codes, the
    /// kept profile fields of an addition or a profile change; never a name, a remark or a reason.
    static func kept(_ entry: JournalEntry) -> JournalEntry.Kept {
        switch entry.kind {
        case "add":
            guard let person = person(fromJSON: entry.newValue, id: PersonID(entry.person), batch: "") else {
                return JournalEntry.Kept()
            }
            let pairs = ProfileField.allCases.filter { keptFields.contains($0) }.map { field in
                "\(JSONText.quote(field.label)):\(JSONText.quote(keptValue(field, person[field])))"
            }
            return JournalEntry.Kept(new: "{" + pairs.joined(separator: ",") + "}")
        case "profile":
            // A move journalled before `move` existed is a profile record of 离校批次: its batch IDs are kept.
            guard let field = ProfileField(label: entry.field), keptFields.contains(field) || field == .batch else {
                return JournalEntry.Kept()
            }
            return JournalEntry.Kept(old: keptValue(field, entry.oldValue), new: keptValue(field, entry.newValue))
        case "status", "move", "issue", "withdraw", "restore":
            return JournalEntry.Kept(old: entry.oldValue, new: entry.newValue)
        default:
            return JournalEntry.Kept()
        }
    }

    /// An advisor's 工号 is kept only as "there is one" (`*`).
    private static func keptValue(_ field: ProfileField, _ value: String) -> String {
        field == .advisorID && !value.isEmpty ? "*" : value
    }

    /// The change a record holds.
    ///
    /// A record this version cannot decode (an unknown kind, a profile that is not a JSON object of texts, an
    /// unknown profile field, a status that is not 1, 2 or 3) is damage: it would otherwise be skipped, and the
    /// state silently differ from the journal. It is refused with ``LedgerError/Kind/damaged(file:sequence:line:reason:)``
    /// naming `journal` (the file's path) and the record.
    static func change(
        _ record: JournalRecord, batch: String, journal: String, previous: (PersonID, ItemID) -> ItemState
    ) throws(LedgerError) -> Change {
        let entry = record.entry
        let id = PersonID(entry.person)
        let damaged = { (reason: String) in
            LedgerError(
                .damaged(
                    file: journal, sequence: record.sequence, line: record.sequence + 1,
                    reason: "the record cannot be decoded: \(reason)"))
        }
        switch entry.kind {
        case "add":
            guard let person = person(fromJSON: entry.newValue, id: id, batch: batch) else {
                throw damaged("the profile of \(entry.person) is not a JSON object of texts")
            }
            return .added(person)
        case "profile":
            guard let field = ProfileField(label: entry.field) else {
                throw damaged("\(entry.field.debugDescription) is not a profile field")
            }
            return .profileChanged(id, field, old: entry.oldValue, new: entry.newValue)
        case "move":
            guard !entry.newValue.isEmpty else { throw damaged("a move of \(entry.person) names no batch") }
            return .moved(id, transfer(entry))
        case "withdraw":
            return .withdrawn(
                id, Withdrawal(time: entry.time, actor: entry.actor, source: entry.source, reason: entry.remark))
        case "restore":
            return .restored(id)
        case "status":
            guard let code = Int(entry.newValue), let status = Status(rawValue: code) else {
                throw damaged("\(entry.newValue.debugDescription) is not a status (1, 2 or 3)")
            }
            let item = ItemID(entry.field)
            return .statusSet(id, item, old: previous(id, item), new: ItemState(status: status, remark: entry.remark))
        case "issue":
            return .issued(id, Issuance(time: entry.time, source: entry.remark))
        default:
            throw damaged("the kind \(entry.kind.debugDescription) is unknown to this version of lixiao")
        }
    }

    /// The move a `move` record holds, with the record's own time, folder and file.
    private static func transfer(_ entry: JournalEntry) -> Transfer {
        Transfer(
            from: entry.oldValue, to: entry.newValue, time: entry.time, actor: entry.actor, source: entry.source)
    }

    /// The profile as a JSON object with Chinese keys in a fixed order, readable in the journal.
    static func profileJSON(_ person: Person) -> String {
        let pairs = ProfileField.allCases.filter { $0 != .batch }.map { field in
            "\(JSONText.quote(field.label)):\(JSONText.quote(person[field]))"
        }
        return "{" + pairs.joined(separator: ",") + "}"
    }

    static func person(fromJSON text: String, id: PersonID, batch: String) -> Person? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else {
            return nil
        }
        var person = Person(id: id, name: "", college: "", level: "", batch: batch)
        for field in ProfileField.allCases where field != .batch {
            if let value = object[field.label] { person[field] = value }
        }
        return person
    }
}

/// JSON string literals, written by hand so key order is stable (the journal's profiles, the commands' --json).
public enum JSONText {
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
