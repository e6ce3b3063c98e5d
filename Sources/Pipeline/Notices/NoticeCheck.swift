import Clearance
import Foundation
import Glibc
import Ledger
public import Reports

/// Checks a departure notice: offline from its QR text (or the PDF, which keeps the same text in its keywords
/// property) and the public key alone; with the ledger, also whether it is still the current one.
public enum NoticeCheck {
    /// The largest file or input `check-notice` reads: a notice is about 125 KB.
    public static let largestInput = 20 << 20

    /// The QR text a notice carries, from what `check-notice` was given: the text itself (as a scanner or
    /// `zbarimg` prints it), a PDF notice, or a text file holding the QR text. Throws `notANotice` (the input
    /// holds no statement) or `unreadable` (the file cannot be read).
    public static func payload(from argument: String) throws(NoticeCheckError) -> String {
        if let text = qrText(in: argument) { return text }
        var status = stat()
        guard stat(argument, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw NoticeCheckError(
                "\(argument) is neither a notice's QR text (starting \(NoticeStatement.prefix)) nor a readable file",
                kind: .unreadable)
        }
        guard status.st_size <= largestInput else {
            throw NoticeCheckError("\(argument) is larger than a notice can be (20 MB)", kind: .notANotice)
        }
        guard let data = FileManager.default.contents(atPath: argument) else {
            throw NoticeCheckError("\(argument) cannot be read", kind: .unreadable)
        }
        return try payload(inBytes: [UInt8](data), name: argument)
    }

    /// The QR text in the bytes of a PDF notice or of a text holding it (standard input).
    public static func payload(inBytes bytes: [UInt8], name: String) throws(NoticeCheckError) -> String {
        if bytes.starts(with: Array("%PDF".utf8)) {
            guard let keywords = pdfKeywords(bytes), let text = qrText(in: keywords) else {
                throw NoticeCheckError(
                    "\(name) is a PDF without a lixiao notice statement; scan its QR code and give the text instead",
                    kind: .notANotice)
            }
            return text
        }
        guard let text = qrText(in: String(decoding: bytes, as: UTF8.self)) else {
            throw NoticeCheckError(
                "\(name) holds no notice QR text (starting \(NoticeStatement.prefix))", kind: .notANotice)
        }
        return text
    }

    /// The statement a genuine notice makes; throws when the text is not a notice or the signature does not
    /// verify with `key` (edited after signing, or signed by another key).
    public static func verify(_ payload: String, key: NoticePublicKey) throws(NoticeCheckError) -> NoticeStatement {
        guard let decoded = NoticeStatement.decode(payload) else {
            throw NoticeCheckError(
                "FORGED: the QR text is not a lixiao notice statement (damaged, retyped or edited)", kind: .forged)
        }
        guard key.verifies(decoded.signature, of: decoded.signedBytes) else {
            throw NoticeCheckError(
                "FORGED: the signature does not verify with key \(key.identifier): the notice was edited after it "
                    + "was signed, or another key signed it", kind: .forged)
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

    /// The `/Keywords (…)` literal string of a PDF's document information dictionary: the object the last
    /// trailer's `/Info` names (its last definition, as a reader takes an incremental update's), never a stray
    /// `/Keywords` elsewhere in the file (a comment, a page's content).
    static func pdfKeywords(_ bytes: [UInt8]) -> String? {
        guard let info = lastRange(of: Array("/Info ".utf8), in: bytes[...]) else { return nil }
        // `/Info 7 0 R`: the object's number and generation.
        let reference = bytes[info.upperBound...].prefix(40)
        let words = String(decoding: reference, as: UTF8.self).split(whereSeparator: { $0 == " " || $0.isNewline })
        guard words.count >= 3, let number = Int(words[0]), let generation = Int(words[1]), words[2].hasPrefix("R")
        else { return nil }
        let header = Array("\(number) \(generation) obj".utf8)
        var searchEnd = bytes.endIndex
        var object: ArraySlice<UInt8>?
        while let found = lastRange(of: header, in: bytes[..<searchEnd]) {
            // The number must start its line (`17 0 obj` is not `7 0 obj`).
            if found.lowerBound == 0 || [0x0A, 0x0D].contains(bytes[found.lowerBound - 1]) {
                let rest = bytes[found.upperBound...]
                let end = firstRange(of: Array("endobj".utf8), in: rest)?.lowerBound ?? bytes.endIndex
                object = bytes[found.upperBound..<end]
                break
            }
            searchEnd = found.lowerBound
        }
        guard let object, let key = firstRange(of: Array("/Keywords (".utf8), in: object) else { return nil }
        let start: Int? = key.upperBound
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

    private static func lastRange(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.endIndex - needle.count
        while index >= bytes.startIndex {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index -= 1
        }
        return nil
    }

    private static func firstRange(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Range<Int>? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.startIndex
        while index + needle.count <= bytes.endIndex {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index += 1
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
        if let time = try purges()[batch.id] {
            return .void(reason: "the batch's personal data was purged at \(time)")
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
