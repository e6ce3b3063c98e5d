public import Clearance

/// What a departure notice states, signed by the installation: the statement a notice's QR code carries.
///
/// The text is ten lines — format, university, batch ID, 学工号, 姓名, each applicable item's status
/// (`library=3,finance=1`), eligibility (`1` eligible, `0` not), issuance time (empty when not issued), the ledger
/// position and the time the notice reflects — in UTF-8, followed by the 64-byte Ed25519 signature of those bytes,
/// the whole encoded in base 45 (RFC 9285) after `LX1:`, which a QR code packs in its dense alphanumeric mode and
/// every scanner reads back unchanged. ``decode(_:)`` takes that text apart; checking the signature needs the
/// public key and is the pipeline's (Reports never holds a key).
public struct NoticeStatement: Sendable, Hashable {
    /// One item's status on the notice.
    public struct Entry: Sendable, Hashable {
        public var item: String
        public var status: Status

        public init(item: String, status: Status) {
            self.item = item
            self.status = status
        }
    }

    public static let prefix = "LX1:"
    static let format = "lixiao-notice-1"

    public var university: String
    /// The batch's ID in the pipeline.
    public var batch: String
    public var person: PersonID
    public var name: String
    public var entries: [Entry]
    public var isEligible: Bool
    /// When the two certificates were issued, local time to the minute; empty when they were not.
    public var issued: String
    /// The batch journal's position the notice reflects.
    public var sequence: Int
    /// When that position was written, local time (the notice's generation time).
    public var time: String

    public init(
        university: String, batch: String, person: PersonID, name: String, entries: [Entry], isEligible: Bool,
        issued: String, sequence: Int, time: String
    ) {
        self.university = university
        self.batch = batch
        self.person = person
        self.name = name
        self.entries = entries
        self.isEligible = isEligible
        self.issued = issued
        self.sequence = sequence
        self.time = time
    }

    /// The statement of `record` as `context` shows it: its applicable items, eligibility, issuance, position.
    public init(_ record: PersonRecord, context: OutputContext) {
        let eligibility = Eligibility(record: record, university: context.university)
        self.init(
            university: context.university.name, batch: context.batch.id, person: record.person.id,
            name: record.person.name,
            entries: context.university.applicableItems(for: record.person).map {
                Entry(item: $0.id.rawValue, status: record.state(of: $0.id).status)
            },
            isEligible: eligibility.isEligible,
            issued: record.issuance.map { IssueTime(zone: context.zone).text($0.time) } ?? "",
            sequence: context.sequence, time: context.generatedAt)
    }

    /// The bytes that are signed.
    public var signedBytes: [UInt8] {
        let items = entries.map { Self.escape($0.item) + "=" + String($0.status.rawValue) }.joined(separator: ",")
        let lines = [
            Self.format, university, batch, person.rawValue, name, items, isEligible ? "1" : "0", issued,
            String(sequence), time,
        ]
        return Array(lines.map(Self.oneLine).joined(separator: "\n").utf8)
    }

    /// The statement and its signature as the text a QR code carries.
    public func encoded(signature: [UInt8]) -> String {
        Self.prefix + Base45.encode(signedBytes + signature)
    }

    /// The statement and signature in a QR code's text, or `nil` when the text is not a notice's (the signature
    /// is not checked here).
    public static func decode(_ text: String) -> (statement: NoticeStatement, signedBytes: [UInt8], signature: [UInt8])?
    {
        let trimmed = text.trimmingWhitespace
        guard trimmed.hasPrefix(prefix), let bytes = Base45.decode(String(trimmed.dropFirst(prefix.count))),
            bytes.count > 64
        else { return nil }
        let signed = Array(bytes.dropLast(64))
        let signature = Array(bytes.suffix(64))
        guard let text = String(validating: signed, as: UTF8.self) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 10, lines[0] == format, let sequence = Int(lines[8]), sequence >= 0,
            lines[6] == "1" || lines[6] == "0"
        else { return nil }
        var entries: [Entry] = []
        for pair in lines[5].split(separator: ",") {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let code = Int(parts[1]), let status = Status(rawValue: code),
                let item = unescape(String(parts[0]))
            else { return nil }
            entries.append(Entry(item: item, status: status))
        }
        let statement = NoticeStatement(
            university: lines[1], batch: lines[2], person: PersonID(lines[3]), name: lines[4], entries: entries,
            isEligible: lines[6] == "1", issued: lines[7], sequence: sequence, time: lines[9])
        // Only the canonical form verifies: a text that decodes to other bytes than it signs is not a notice.
        guard statement.signedBytes == signed else { return nil }
        return (statement, signed, signature)
    }

    /// A field on one line, without control characters: any character holding a control scalar or a line
    /// separator (`\r\n` is one Swift character) becomes a space, so every verifier splits ten lines.
    private static func oneLine(_ text: String) -> String {
        String(
            text.map { character in
                character.unicodeScalars.contains { scalar in
                    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                        || scalar.value == 0x2029
                } ? " " : character
            })
    }

    /// `%`, `=` and `,` in an item ID as `%25`, `%3D`, `%2C`.
    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "%": out += "%25"
            case "=": out += "%3D"
            case ",": out += "%2C"
            default: out.append(character)
            }
        }
        return out
    }

    private static func unescape(_ text: String) -> String? {
        var out = ""
        var rest = Substring(text)
        while let index = rest.firstIndex(of: "%") {
            out += rest[..<index]
            let code = rest[index...].prefix(3)
            switch code {
            case "%25": out += "%"
            case "%3D": out += "="
            case "%2C": out += ","
            default: return nil
            }
            rest = rest[index...].dropFirst(3)
        }
        return out + rest
    }
}

/// Signs notice statements with the installation's private key, which stays with the caller.
public struct NoticeSigner: Sendable {
    private let sign: @Sendable ([UInt8]) -> [UInt8]
    /// The public key's fingerprint as staff read it (`3F2A 91C0 77D4 0B1E`): on every notice and in the key file.
    public let keyIdentifier: String

    /// A signer returning the 64-byte signature `sign(bytes)` (anything else is a failure to sign).
    public init(keyIdentifier: String, _ sign: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.sign = sign
        self.keyIdentifier = keyIdentifier
    }

    /// The QR text of `statement`, signed; throws when the key could not sign (nothing unsigned is printed).
    public func payload(_ statement: NoticeStatement) throws(SigningError) -> String {
        statement.encoded(signature: try signature(of: statement.signedBytes))
    }

    /// The signature of any bytes (the revocation list's).
    public func signature(of bytes: [UInt8]) throws(SigningError) -> [UInt8] {
        let signature = sign(bytes)
        guard signature.count == 64 else { throw SigningError() }
        return signature
    }
}

/// The notice-signing key could not sign.
public struct SigningError: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "the notice-signing key could not sign (ledger/notice-signing.key)" }
}

/// Base 45 (RFC 9285): two bytes as three characters of `0-9A-Z $%*+-./:`, the QR alphanumeric alphabet.
public enum Base45 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 2 + 2)
        var index = 0
        while index + 1 < bytes.count {
            var value = Int(bytes[index]) * 256 + Int(bytes[index + 1])
            for _ in 0..<3 {
                out.append(alphabet[value % 45])
                value /= 45
            }
            index += 2
        }
        if index < bytes.count {
            let value = Int(bytes[index])
            out.append(alphabet[value % 45])
            out.append(alphabet[value / 45])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var values: [Int] = []
        for byte in text.utf8 {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            values.append(value)
        }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let remaining = values.count - index
            if remaining >= 3 {
                let value = values[index] + values[index + 1] * 45 + values[index + 2] * 2025
                guard value <= 0xFFFF else { return nil }
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
                index += 3
            } else if remaining == 2 {
                let value = values[index] + values[index + 1] * 45
                guard value <= 0xFF else { return nil }
                out.append(UInt8(value))
                index += 2
            } else {
                return nil
            }
        }
        return out
    }
}

extension String {
    fileprivate var trimmingWhitespace: Substring {
        // Not spaces: base 45 uses the space as a digit, so a payload may end in one.
        let isSpace: (Character) -> Bool = { $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[first...last]
    }
}
