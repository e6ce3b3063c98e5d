/// The text form of journal records: one line each, thirteen tab-separated fields, the last a SHA-256.
///
/// `seq time actor source row person kind field old new remark prev hash`. The hash covers the line's bytes up
/// to and including the tab before it, so it checks the record's own content and, through `prev`, the chain.
enum JournalLine {
    static let columns = [
        "seq", "time", "actor", "source", "row", "person", "kind", "field", "old", "new", "remark", "prev", "hash",
    ]
    /// The first line of every journal, with a byte order mark for Excel, without its `\n`.
    static let header: [UInt8] = TSV.byteOrderMark + Array(columns.joined(separator: "\t").utf8)
    /// The `prev` of the first record.
    static let zeroHash = String(repeating: "0", count: 64)

    /// Appends the record's line to `buffer` and returns its hash.
    static func append(
        _ entry: JournalEntry, sequence: Int, previousHash: String, to buffer: inout [UInt8]
    ) -> String {
        let start = buffer.count
        buffer.append(contentsOf: String(sequence).utf8)
        for field in [entry.time, entry.actor, entry.source] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        buffer.append(TSV.tab)
        if let row = entry.row { buffer.append(contentsOf: String(row).utf8) }
        for field in [entry.person, entry.kind, entry.field, entry.oldValue, entry.newValue, entry.remark] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        buffer.append(TSV.tab)
        buffer.append(contentsOf: previousHash.utf8)
        buffer.append(TSV.tab)
        let hashStart = buffer.count
        SHA256Hex.appendDigest(ofBytesFrom: start, to: &buffer)
        let hash = String(decoding: buffer[hashStart...], as: UTF8.self)
        buffer.append(TSV.newline)
        return hash
    }

    /// What a line says about itself, before it is placed in the chain.
    struct Inspection {
        /// The `seq` field, when it is a number.
        var sequence: Int?
        /// The `prev` field.
        var previousHash: ArraySlice<UInt8>
        /// The `hash` field.
        var hash: ArraySlice<UInt8>
    }

    /// Inspects a line; `nil` when it is not a record whose hash matches its content.
    static func inspect(_ line: ArraySlice<UInt8>) -> Inspection? {
        guard line.count > 64 else { return nil }
        let hashStart = line.endIndex - 64
        guard line[hashStart - 1] == TSV.tab else { return nil }
        let hash = line[hashStart...]
        guard SHA256Hex.matches(hash, digestOf: line[..<hashStart]) else { return nil }
        let ranges = TSV.fieldRanges(line)
        guard ranges.count == columns.count else { return nil }
        return Inspection(
            sequence: number(line[ranges[0]]), previousHash: line[ranges[11]], hash: hash)
    }

    /// The record a line holds; call only on a line ``inspect(_:)`` accepted.
    static func decode(_ line: ArraySlice<UInt8>) -> JournalRecord? {
        let ranges = TSV.fieldRanges(line)
        guard ranges.count == columns.count, let sequence = number(line[ranges[0]]) else { return nil }
        let text = { (index: Int) in TSV.unescape(line[ranges[index]]) }
        let rowField = line[ranges[4]]
        let entry = JournalEntry(
            time: text(1), actor: text(2), source: text(3), row: rowField.isEmpty ? nil : number(rowField),
            person: text(5), kind: text(6), field: text(7), oldValue: text(8), newValue: text(9), remark: text(10))
        return JournalRecord(sequence: sequence, entry: entry, previousHash: text(11), hash: text(12))
    }

    /// A decimal integer with an optional minus sign; `nil` for anything else.
    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 19 else { return nil }
        var digits = bytes
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }
}
