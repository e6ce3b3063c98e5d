import Clearance
import Foundation
import Ledger
public import Reports

/// Checks a departure notice: offline from its QR text (or the PDF, which keeps the same text in its keywords
/// property) and the public key alone; with the ledger, also whether it is still the current one.
public enum NoticeCheck {
    /// The QR text a notice carries, from what `check-notice` was given: the text itself (as a scanner or
    /// `zbarimg` prints it), a PDF notice, or a text file holding the QR text.
    public static func payload(from argument: String) throws(NoticeCheckError) -> String {
        if let text = qrText(in: argument) { return text }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw NoticeCheckError(
                "\(argument) is neither a notice's QR text (starting \(NoticeStatement.prefix)) nor a readable file")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: Array("%PDF".utf8)) {
            guard let keywords = pdfKeywords(bytes), let text = qrText(in: keywords) else {
                throw NoticeCheckError(
                    "\(argument) is a PDF without a lixiao notice statement; scan its QR code and give the text instead"
                )
            }
            return text
        }
        guard let text = qrText(in: String(decoding: bytes, as: UTF8.self)) else {
            throw NoticeCheckError("\(argument) holds no notice QR text (starting \(NoticeStatement.prefix))")
        }
        return text
    }

    /// The statement a genuine notice makes; throws when the text is not a notice or the signature does not
    /// verify with `key` (edited after signing, or signed by another key).
    public static func verify(_ payload: String, key: NoticePublicKey) throws(NoticeCheckError) -> NoticeStatement {
        guard let decoded = NoticeStatement.decode(payload) else {
            throw NoticeCheckError(
                "FORGED: the QR text is not a lixiao notice statement (damaged, retyped or edited)")
        }
        guard key.verifies(decoded.signature, of: decoded.signedBytes) else {
            throw NoticeCheckError(
                "FORGED: the signature does not verify with key \(key.identifier): the notice was edited after it "
                    + "was signed, or another key signed it")
        }
        return decoded.statement
    }

    /// The line holding `LX1:…` in `text` (a scanner's `QR-Code:` label dropped).
    static func qrText(in text: String) -> String? {
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let start = line.range(of: NoticeStatement.prefix) else { continue }
            return String(line[start.lowerBound...])
        }
        return nil
    }

    /// The last `/Keywords (…)` literal string of a PDF (a later incremental update wins, as in a reader).
    static func pdfKeywords(_ bytes: [UInt8]) -> String? {
        let key = Array("/Keywords (".utf8)
        guard bytes.count >= key.count else { return nil }
        var start: Int?
        var index = bytes.count - key.count
        while index >= 0 {
            if bytes[index] == key[0], Array(bytes[index..<index + key.count]) == key {
                start = index + key.count
                break
            }
            index -= 1
        }
        guard var position = start else { return nil }
        var out: [UInt8] = []
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let next = bytes[position]
                position += 1
                switch next {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(next - UInt8(ascii: "0"))
                    for _ in 0..<2 where position < bytes.count && (0x30...0x37).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - 0x30)
                        position += 1
                    }
                    out.append(UInt8(value & 0xFF))
                default: out.append(next)
                }
            case UInt8(ascii: "("):
                depth += 1
                out.append(byte)
            case UInt8(ascii: ")"):
                if depth == 0 { return String(decoding: out, as: UTF8.self) }
                depth -= 1
                out.append(byte)
            default: out.append(byte)
            }
        }
        return nil
    }
}

/// Whether a genuine notice is still the current one, from the ledger.
public enum NoticeStanding: Sendable, Equatable {
    /// Nothing it states has changed; `position` is where the outbox's copy of the notice was signed, when the
    /// outbox keeps one.
    case current(position: Int?)
    /// A later change replaced it: the newer notice's position (when the outbox keeps one) and the first change
    /// after the notice that concerns its person.
    case superseded(newer: Int?, change: NoticeChange?)
    /// The person no longer departs in the batch (withdrawn or moved): the notice is void.
    case void(reason: String)
    /// The statement names a batch or position this ledger does not have.
    case unknown(reason: String)
}

/// One journal record that changed a notice's person after the notice was signed.
public struct NoticeChange: Sendable, Equatable {
    public var sequence: Int
    /// Local time.
    public var time: String
    /// The inbox folder the change came from.
    public var folder: String
    /// What changed, in Chinese as staff read it (`财务处 改为 3 已办理`).
    public var what: String
}

extension LedgerSession {
    /// Whether `statement` (already verified) is still current in this ledger.
    public func standing(of statement: NoticeStatement, clock: RunClock = RunClock()) throws -> NoticeStanding {
        let university = workspace.university
        guard let batch = university.batches.first(where: { $0.id == statement.batch }),
            let journal = ledgers[batch.id]?.journal,
            let state = states.first(where: { $0.batch.id == batch.id })
        else { return .unknown(reason: "this ledger has no batch \(statement.batch)") }
        guard statement.sequence <= journal.lastSequence else {
            return .unknown(
                reason: "the notice reflects position \(statement.sequence) but the journal of \(batch.id) ends "
                    + "at \(journal.lastSequence): it comes from another copy of the ledger")
        }
        let change = try firstChange(of: statement, in: journal, clock: clock)
        guard let record = state[statement.person], state.isMember(statement.person) else {
            return .void(
                reason: change.map { "\($0.what)（\($0.time)，\($0.folder)，#\($0.sequence)）" }
                    ?? "\(statement.person.rawValue) does not depart in \(batch.name)")
        }
        let context = try outputContext(for: state, clock: clock)
        var now = NoticeStatement(record, context: context)
        now.sequence = statement.sequence
        now.time = statement.time
        let page = OutputPlan.noticePagePath(record.person, in: batch, university: university)
        let kept = outputIndex.entries[page]?.stamp?.sequence
        if now == statement, kept.map({ $0 <= statement.sequence }) ?? true {
            return .current(position: kept)
        }
        return .superseded(newer: kept.flatMap { $0 > statement.sequence ? $0 : nil }, change: change)
    }

    /// The first record after the notice's position that changed something its person's notice shows: a
    /// status other than the stated one, an issuance, a withdrawal, a move, a restoration; else the first record
    /// of that person at all (a remark or profile change).
    private func firstChange(of statement: NoticeStatement, in journal: Journal, clock: RunClock) throws
        -> NoticeChange?
    {
        var stated: [String: Int] = [:]
        for entry in statement.entries { stated[entry.item] = entry.status.rawValue }
        let names = Dictionary(workspace.university.items.map { ($0.id.rawValue, $0.name) }) { first, _ in first }
        var material: NoticeChange?
        var first: NoticeChange?
        try journal.forEach(from: statement.sequence + 1) { record in
            let entry = record.entry
            guard material == nil, entry.person == statement.person.rawValue else { return }
            let change = { (what: String) in
                NoticeChange(
                    sequence: record.sequence, time: clock.zone.text(ledger: entry.time), folder: entry.actor,
                    what: what)
            }
            switch entry.kind {
            case "status":
                let name = names[entry.field] ?? entry.field
                let label = Int(entry.newValue).flatMap(Status.init(rawValue:))?.label ?? entry.newValue
                if let code = Int(entry.newValue), stated[entry.field].map({ $0 != code }) ?? (code != 1) {
                    material = change("\(name) 改为 \(label)")
                } else if first == nil {
                    first = change("\(name) 备注改为「\(entry.remark)」")
                }
            case "issue": material = change("两证已发放")
            case "withdraw": material = change("已撤销离校（\(entry.remark)）")
            case "move": material = change("转入批次 \(entry.newValue)")
            case "restore": material = change("恢复离校")
            default:
                if first == nil { first = change("\(entry.field) 由「\(entry.oldValue)」改为「\(entry.newValue)」") }
            }
        }
        return material ?? first
    }
}
