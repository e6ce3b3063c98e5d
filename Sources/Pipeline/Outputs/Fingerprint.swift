import Clearance
import Crypto

/// A SHA-256 over the canonical text of everything one output is built from.
///
/// Outputs are regenerated only when their fingerprint changes (or their file is gone), so a change to one
/// item rewrites that item's files, the affected college workbooks and the statistics, and nothing else.
struct Fingerprint {
    private var hasher = SHA256()
    /// Text is gathered here and hashed in large blocks: millions of small updates would dominate a 50,000-person
    /// regeneration check.
    private var pending: [UInt8] = []

    init(_ kind: String) {
        add(kind)
        add(Self.formatVersion)
    }

    /// Bump when any builder's layout changes, so every output is rebuilt once.
    static let formatVersion = "outputs-1"

    mutating func add(_ text: String) {
        pending.append(contentsOf: text.utf8)
        pending.append(0x1F)
        if pending.count >= 1 << 16 {
            hasher.update(data: pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    mutating func add(_ fields: String...) {
        for field in fields { add(field) }
    }

    /// A person's profile as every output may show it.
    mutating func add(profile person: Person) {
        add(
            person.id.rawValue, person.name, person.gender, person.college, person.major, person.className,
            person.level, person.advisorID, person.advisorName, person.building, person.room, person.batch,
            person.hasStudentStatus ? "1" : "0")
    }

    mutating func add(state: ItemState) {
        add(String(state.status.rawValue), state.remark)
    }

    mutating func add(item: Item) {
        add(
            item.id.rawValue, item.name, item.folder, item.scope.rawValue, item.location, item.role.rawValue,
            item.rule.levels.map { $0.sorted().joined(separator: ",") } ?? "*",
            item.rule.residentsOnly ? "residents" : "", item.rule.advisorOnly ? "advisor" : "")
    }

    mutating func add(batch: Batch) {
        add(batch.id, batch.name, batch.deadline.description)
    }

    var value: String {
        var hasher = self.hasher
        hasher.update(data: pending)
        return hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
