/// The text form of journal records: one line each, tab-separated, the last field a SHA-256.
///
/// **Format 2** (every journal this version creates), sixteen fields:
/// `seq time actor source row person kind field old new remark kept_old kept_new seal prev hash`.
/// `old`, `new` and `remark` are the record's personal payload; `kept_old` and `kept_new` what is kept of them
/// once the payload is purged (a status's codes, a profile's college; the caller decides); `seal` is `s` and 32
/// hex digits of random salt while the payload is there, `c` and the payload's commitment once it is purged.
/// The commitment is the SHA-256 of the salt's digits followed by the line's bytes from the tab before `old`
/// through the end of `remark`; the hash is the SHA-256 of the line's fields `seq` through `field`, then
/// `kept_old`, `kept_new`, the commitment and `prev`, each followed by a tab. Replacing a payload by its
/// commitment (``purged(_:)``) therefore changes no hash: the chain still proves every record, and the salt —
/// purged with the payload — keeps a short payload such as a name from being guessed back from its commitment.
///
/// **Format 1** (journals written before), thirteen fields: `seq time actor source row person kind field old new
/// remark prev hash`, the hash covering the line's bytes up to the tab before it. Such a journal is read, verified
/// and appended to as it is; it is sealed again in format 2 (after being verified) when its batch is purged.
enum JournalLine {
    enum Format: Sendable, Equatable {
        case one, two

        var columns: [String] {
            switch self {
            case .one:
                [
                    "seq", "time", "actor", "source", "row", "person", "kind", "field", "old", "new", "remark", "prev",
                    "hash",
                ]
            case .two:
                [
                    "seq", "time", "actor", "source", "row", "person", "kind", "field", "old", "new", "remark",
                    "kept_old", "kept_new", "seal", "prev", "hash",
                ]
            }
        }

        /// The first line of a journal of this format, with a byte order mark for Excel, without its `\n`.
        var header: [UInt8] { TSV.byteOrderMark + Array(columns.joined(separator: "\t").utf8) }
    }

    /// The header of a new journal.
    static let header = Format.two.header
    /// The `prev` of the first record.
    static let zeroHash = String(repeating: "0", count: 64)

    /// Appends the record's line to `buffer` and returns its hash.
    static func append(
        _ entry: JournalEntry, sequence: Int, previousHash: String, format: Format = .two, to buffer: inout [UInt8]
    ) -> String {
        let start = buffer.count
        buffer.append(contentsOf: String(sequence).utf8)
        for field in [entry.time, entry.actor, entry.source] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        buffer.append(TSV.tab)
        if let row = entry.row { buffer.append(contentsOf: String(row).utf8) }
        for field in [entry.person, entry.kind, entry.field] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        let clearEnd = buffer.count
        for field in [entry.oldValue, entry.newValue, entry.remark] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        if format == .one {
            buffer.append(TSV.tab)
            buffer.append(contentsOf: previousHash.utf8)
            buffer.append(TSV.tab)
            let hashStart = buffer.count
            SHA256Hex.appendDigest(ofBytesFrom: start, to: &buffer)
            let hash = String(decoding: buffer[hashStart...], as: UTF8.self)
            buffer.append(TSV.newline)
            return hash
        }
        let payloadEnd = buffer.count
        let keptStart = buffer.count
        for field in [entry.kept.old, entry.kept.new] {
            buffer.append(TSV.tab)
            TSV.appendEscaped(field, to: &buffer)
        }
        let keptEnd = buffer.count
        let salt = Self.salt()
        let commitment = Self.commitment(salt: salt[...], payload: buffer[clearEnd..<payloadEnd])
        buffer.append(TSV.tab)
        buffer.append(UInt8(ascii: "s"))
        buffer.append(contentsOf: salt)
        buffer.append(TSV.tab)
        buffer.append(contentsOf: previousHash.utf8)
        buffer.append(TSV.tab)
        let hashed =
            Array(buffer[start..<clearEnd]) + Array(buffer[keptStart..<keptEnd]) + [TSV.tab] + commitment + [TSV.tab]
            + Array(previousHash.utf8) + [TSV.tab]
        let hash = SHA256Hex.of(hashed)
        buffer.append(contentsOf: hash.utf8)
        buffer.append(TSV.newline)
        return hash
    }

    /// What a line says about itself, before it is placed in the chain.
    struct Inspection {
        var format: Format
        /// The `seq` field, when it is a number.
        var sequence: Int?
        /// The `prev` field.
        var previousHash: ArraySlice<UInt8>
        /// The `hash` field.
        var hash: ArraySlice<UInt8>
        /// Whether the payload has been replaced by its commitment.
        var isPurged: Bool
    }

    /// Inspects a line; `nil` when it is not a record whose hash matches its content.
    static func inspect(_ line: ArraySlice<UInt8>) -> Inspection? {
        guard line.count > 64 else { return nil }
        let hashStart = line.endIndex - 64
        guard line[hashStart - 1] == TSV.tab else { return nil }
        let hash = line[hashStart...]
        let ranges = TSV.fieldRanges(line)
        switch ranges.count {
        case Format.one.columns.count:
            guard SHA256Hex.matches(hash, digestOf: line[..<hashStart]) else { return nil }
            return Inspection(
                format: .one, sequence: number(line[ranges[0]]), previousHash: line[ranges[11]], hash: hash,
                isPurged: false)
        case Format.two.columns.count:
            guard let (hashed, isPurged) = hashedBytes(line, ranges), SHA256Hex.matches(hash, digestOf: hashed[...])
            else { return nil }
            return Inspection(
                format: .two, sequence: number(line[ranges[0]]), previousHash: line[ranges[14]], hash: hash,
                isPurged: isPurged)
        default:
            return nil
        }
    }

    /// The bytes a format-2 line's hash covers, and whether its payload is purged; `nil` when its seal is not
    /// a salt or a commitment, or a purged line still holds payload.
    private static func hashedBytes(_ line: ArraySlice<UInt8>, _ ranges: [Range<Int>]) -> ([UInt8], Bool)? {
        let seal = line[ranges[13]]
        let commitment: [UInt8]
        let isPurged: Bool
        switch seal.first {
        case UInt8(ascii: "s"):
            let salt = seal.dropFirst()
            guard salt.count == 32 else { return nil }
            commitment = Self.commitment(salt: salt, payload: line[(ranges[8].lowerBound - 1)..<ranges[10].upperBound])
            isPurged = false
        case UInt8(ascii: "c"):
            let stored = seal.dropFirst()
            guard stored.count == 64, ranges[8...10].allSatisfy(\.isEmpty) else { return nil }
            commitment = Array(stored)
            isPurged = true
        default:
            return nil
        }
        var hashed = Array(line[ranges[0].lowerBound..<ranges[7].upperBound])
        hashed += line[(ranges[11].lowerBound - 1)..<ranges[12].upperBound]
        hashed.append(TSV.tab)
        hashed += commitment
        hashed.append(TSV.tab)
        hashed += line[ranges[14]]
        hashed.append(TSV.tab)
        return (hashed, isPurged)
    }

    /// The record a line holds; call only on a line ``inspect(_:)`` accepted.
    ///
    /// A purged record reads with its kept values as `oldValue` and `newValue` and an empty remark, so readers
    /// that only need what is kept (statistics, a status's codes) read it as before.
    static func decode(_ line: ArraySlice<UInt8>) -> JournalRecord? {
        let ranges = TSV.fieldRanges(line)
        guard let format = [Format.one, .two].first(where: { $0.columns.count == ranges.count }),
            let sequence = number(line[ranges[0]])
        else { return nil }
        let text = { (index: Int) in TSV.unescape(line[ranges[index]]) }
        let rowField = line[ranges[4]]
        var entry = JournalEntry(
            time: text(1), actor: text(2), source: text(3), row: rowField.isEmpty ? nil : number(rowField),
            person: text(5), kind: text(6), field: text(7), oldValue: text(8), newValue: text(9), remark: text(10))
        guard format == .two else {
            return JournalRecord(sequence: sequence, entry: entry, previousHash: text(11), hash: text(12))
        }
        entry.kept = JournalEntry.Kept(old: text(11), new: text(12))
        let isPurged = line[ranges[13]].first == UInt8(ascii: "c")
        if isPurged {
            entry.oldValue = entry.kept.old
            entry.newValue = entry.kept.new
        }
        var record = JournalRecord(sequence: sequence, entry: entry, previousHash: text(14), hash: text(15))
        record.isPurged = isPurged
        return record
    }

    /// A format-2 line with its payload replaced by its commitment (the same line when already purged); `nil`
    /// when it is not a format-2 record whose hash matches. The hash is unchanged.
    static func purged(_ line: ArraySlice<UInt8>) -> [UInt8]? {
        let ranges = TSV.fieldRanges(line)
        guard ranges.count == Format.two.columns.count, let inspection = inspect(line) else { return nil }
        if inspection.isPurged { return Array(line) }
        let salt = line[ranges[13]].dropFirst()
        let commitment = Self.commitment(salt: salt, payload: line[(ranges[8].lowerBound - 1)..<ranges[10].upperBound])
        var out = Array(line[line.startIndex..<ranges[7].upperBound])
        out += [TSV.tab, TSV.tab, TSV.tab]
        out += line[(ranges[11].lowerBound - 1)..<ranges[12].upperBound]
        out += [TSV.tab, UInt8(ascii: "c")] + commitment
        out += line[(ranges[14].lowerBound - 1)..<line.endIndex]
        return out
    }

    /// The commitment of a payload: the SHA-256 (as hex digits) of the salt's digits and the payload's bytes.
    private static func commitment(salt: ArraySlice<UInt8>, payload: ArraySlice<UInt8>) -> [UInt8] {
        Array(SHA256Hex.of(Array(salt) + Array(payload)).utf8)
    }

    /// 16 random bytes as 32 lowercase hex digits.
    private static func salt() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var digits: [UInt8] = []
        digits.reserveCapacity(32)
        for _ in 0..<2 {
            var word = generator.next()
            for _ in 0..<16 {
                digits.append(SHA256Hex.digits[Int(word & 0x0F)])
                word >>= 4
            }
        }
        return digits
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
