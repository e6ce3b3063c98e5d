import Clearance
import Crypto
import Foundation
import Glibc
import Reports
import Sheets

/// What decides whether an output is built and written again.
///
/// An output's **fingerprint** is the SHA-256 of its model (`WorkbookModel.canonicalBytes`), which leaves out the
/// ledger position and generation time it prints (its stamp): the file is rewritten exactly when what staff
/// would see changes, and the fingerprint cannot drift from what the builder reads.
/// Its **inputs** digest covers everything a builder may read — the pipeline, the batch, today, the time zone,
/// the origin key, this program's build, and the whole records of the people in the output's scope — so while
/// it is unchanged the model need not even be built.
enum Fingerprint {
    /// Bump when the canonical encoding changes.
    static let version = "outputs-3"

    /// The fingerprint of `model`.
    static func of(_ model: WorkbookModel) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(version.utf8))
        model.canonicalBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The people an output is about, for its inputs digest. Builders read people only through their scope.
enum OutputScope: Sendable {
    /// Nobody: the output depends on the pipeline alone (templates).
    case none
    /// Every record of the batch, members or not.
    case batch
    /// Every record of the batch as one item's department sees it: the profile, moves and withdrawals, and that
    /// item's state — not other items' states or the issuance (`ItemViewTests` holds the builders to that).
    case batchItem(ItemID)
    /// The records whose college is this name.
    case college(String)
    /// The records whose college is this name, as one item's department sees them.
    case collegeItem(String, ItemID)
    /// The records whose 导师工号 is this.
    case advisor(String)
    /// One person's record.
    case person(PersonID)
}

/// The inputs digests of one batch's outputs: the context's own inputs, then one digest per scope, computed in
/// one pass over the batch's records.
struct OutputInputs: Sendable {
    private let context: [UInt8]
    private let batch: [UInt8]
    private let colleges: [String: [UInt8]]
    private let advisors: [String: [UInt8]]
    private let people: [PersonID: [UInt8]]
    /// Per item, the batch's records as that item's department sees them; and per college and item.
    private let items: [ItemID: [UInt8]]
    private let collegeItems: [String: [ItemID: [UInt8]]]

    /// Templates' inputs: the pipeline and this program's build.
    init(university: University) {
        var encoder = RecordEncoder()
        encoder.add("templates", Self.build, PipelineText.canonical(university))
        context = encoder.digest()
        batch = []
        colleges = [:]
        advisors = [:]
        people = [:]
        items = [:]
        collegeItems = [:]
    }

    init(_ output: OutputContext) {
        var encoder = RecordEncoder()
        encoder.add(
            Self.build, PipelineText.canonical(output.university), output.batch.id, output.batch.name,
            output.batch.deadline.description, output.today.description, output.zone.identifier,
            output.originSigner.keyIdentifier)
        context = encoder.digest()
        var people: [PersonID: [UInt8]] = [:]
        people.reserveCapacity(output.state.records.count)
        var all = RecordEncoder()
        var colleges: [String: RecordEncoder] = [:]
        var advisors: [String: RecordEncoder] = [:]
        let itemIDs = output.university.items.map(\.id)
        var items = Array(repeating: RecordEncoder(), count: itemIDs.count)
        var collegeItems: [String: [RecordEncoder]] = [:]
        for id in output.state.records.keys.sorted() {
            guard let record = output.state.records[id] else { continue }
            var one = RecordEncoder()
            one.add(record: record)
            let digest = one.digest()
            people[id] = digest
            all.add(bytes: digest)
            colleges[record.person.college, default: RecordEncoder()].add(bytes: digest)
            if record.person.hasAdvisor {
                advisors[record.person.advisorID, default: RecordEncoder()].add(bytes: digest)
            }
            // As each item's department sees the record: the profile and moves, then that item's state.
            var view = RecordEncoder()
            view.add(record: record, items: false)
            let profile = view.digest()
            var perCollege =
                collegeItems.removeValue(forKey: record.person.college)
                ?? Array(repeating: RecordEncoder(), count: itemIDs.count)
            for (index, item) in itemIDs.enumerated() {
                let text = record.items[item].map { "\($0.status.rawValue)\u{1F}\($0.remark)" } ?? "-"
                items[index].add(bytes: profile)
                items[index].add(text: text)
                perCollege[index].add(bytes: profile)
                perCollege[index].add(text: text)
            }
            collegeItems[record.person.college] = perCollege
        }
        batch = all.digest()
        self.colleges = colleges.mapValues { Self.finish($0) }
        self.advisors = advisors.mapValues { Self.finish($0) }
        self.people = people
        var itemDigests: [ItemID: [UInt8]] = [:]
        for (index, item) in itemIDs.enumerated() { itemDigests[item] = Self.finish(items[index]) }
        self.items = itemDigests
        self.collegeItems = collegeItems.mapValues { encoders in
            Dictionary(uniqueKeysWithValues: zip(itemIDs, encoders.map(Self.finish)))
        }
    }

    private static func finish(_ encoder: RecordEncoder) -> [UInt8] {
        var encoder = encoder
        return encoder.digest()
    }

    /// The inputs digest of the output at `path` about `scope`; `extra` adds what else it reads.
    func key(_ path: String, scope: OutputScope, extra: String = "") -> String {
        var encoder = RecordEncoder()
        encoder.add(bytes: context)
        encoder.add(path, extra)
        switch scope {
        case .none: encoder.add("none")
        case .batch: encoder.add(bytes: batch)
        case .batchItem(let item): encoder.add("item", item.rawValue); encoder.add(bytes: items[item] ?? [])
        case .college(let name): encoder.add("college", name); encoder.add(bytes: colleges[name] ?? [])
        case .collegeItem(let name, let item):
            encoder.add("college item", name, item.rawValue)
            encoder.add(bytes: collegeItems[name]?[item] ?? [])
        case .advisor(let id): encoder.add("advisor", id); encoder.add(bytes: advisors[id] ?? [])
        case .person(let id): encoder.add("person", id.rawValue); encoder.add(bytes: people[id] ?? [])
        }
        return Fingerprint.hex(encoder.digest())
    }

    /// The digest of everything the whole outbox is built from but the batches' states: the pipeline, this build,
    /// today, the zone, the origin key, each batch's journal position (its last record's number and hash) and who
    /// asked for a notice. While it equals the one recorded after a complete regeneration, and every recorded
    /// file is there, nothing needs to be looked at: the states are the journals' and did not move.
    static func round(
        university: University, today: Day, zone: TimeZone, keyIdentifier: String,
        positions: [(batch: String, sequence: Int, hash: String)], notices: Set<PersonID>
    ) -> String {
        var encoder = RecordEncoder()
        encoder.add(
            Fingerprint.version, Self.build, PipelineText.canonical(university), today.description, zone.identifier,
            keyIdentifier)
        for position in positions { encoder.add(position.batch, String(position.sequence), position.hash) }
        encoder.add(text: String(notices.count))
        for id in notices.sorted() { encoder.add(text: id.rawValue) }
        return Fingerprint.hex(encoder.digest())
    }

    /// This program's build, so that a new version of lixiao rebuilds every model once: the size and time of
    /// the running executable.
    static let build: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return "unknown-build" }
        return "\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()
}

/// Length-prefixed fields hashed with SHA-256.
struct RecordEncoder {
    private var hasher = SHA256()
    private var buffer: [UInt8] = []

    mutating func add(_ fields: String...) {
        for field in fields { add(text: field) }
    }

    mutating func add(text: String) {
        let bytes = text.utf8
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func add(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Everything stored about a person in a batch: profile, every recorded item state (unless `items` is
    /// false), issuance (likewise), the last move and a withdrawal. `OutputInputsTests` keeps this in step with
    /// the types' stored properties.
    mutating func add(record: PersonRecord, items: Bool = true) {
        let person = record.person
        add(
            person.id.rawValue, person.name, person.gender, person.college, person.major, person.className,
            person.level, person.advisorID, person.advisorName, person.building, person.room, person.batch,
            person.hasStudentStatus ? "1" : "0")
        if items {
            add(text: String(record.items.count))
            for key in record.items.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
                guard let state = record.items[key] else { continue }
                add(key.rawValue, String(state.status.rawValue), state.remark)
            }
            if let issuance = record.issuance { add("issued", issuance.time, issuance.source) } else { add("-") }
        }
        if let transfer = record.transfer {
            add("moved", transfer.from, transfer.to, transfer.time, transfer.actor, transfer.source)
        } else {
            add("-")
        }
        if let withdrawal = record.withdrawal {
            add("withdrawn", withdrawal.time, withdrawal.actor, withdrawal.source, withdrawal.reason)
        } else {
            add("-")
        }
    }

    private mutating func flush() {
        hasher.update(data: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func digest() -> [UInt8] {
        flush()
        return Array(hasher.finalize())
    }
}

/// The pipeline as canonical text: every stored property, sets sorted.
enum PipelineText {
    static func canonical(_ university: University) -> String {
        var lines = [university.name, university.levels.joined(separator: ",")]
        for batch in university.batches { lines.append("batch \(batch.id) \(batch.name) \(batch.deadline)") }
        for college in university.colleges { lines.append("college " + String(reflecting: college)) }
        for item in university.items {
            var rule = item.rule
            let levels = rule.levels?.sorted().joined(separator: ",") ?? "*"
            rule.levels = nil
            lines.append(
                "item \(item.id.rawValue) \(item.name) \(item.folder) \(item.scope.rawValue) \(item.location) "
                    + "\(item.role.rawValue) levels \(levels) " + String(reflecting: rule))
        }
        return lines.joined(separator: "\n")
    }
}
