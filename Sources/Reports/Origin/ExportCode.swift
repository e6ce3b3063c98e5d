public import Clearance

/// The code in the 导出编号 column of every row of a sheet staff return, and in its notes: which export the row
/// came from — batch, kind, item, scope and ledger position — with this installation's check code.
///
/// The hidden origin sheet (`Origin`) holds every row's value at export, but it lives only as long as the
/// workbook: saving as CSV, a program that drops hidden sheets, or rows pasted into a new workbook lose it. The
/// code travels with the row through all of those, and the value at export is recovered from the journal at
/// `sequence`, so nothing else needs to travel (DESIGN.md §3). The text is plain ASCII apart from the ids:
///
/// ```
/// LX1|D|2027-summer|library|cs||42|3f9a1c2b7e4d
///      kind batch   item    college advisor sequence check
/// ```
/// Fields are separated by `|`; `%` and `|` inside an id are written `%25` and `%7C`. The check code is the
/// first 12 hex digits of the keyed code (`OriginSigner`) of the other fields, so a code changed by hand, or made
/// by another installation, does not verify.
public struct ExportCode: Sendable, Hashable {
    /// `.department` or `.advisor`: issuance lists change nothing a colleague could undo and carry no code.
    public var kind: Origin.Kind
    public var batch: String
    public var item: ItemID
    public var college: String?
    public var advisor: String?
    /// The ledger's last journal sequence number when the sheet was generated.
    public var sequence: Int

    public init(
        kind: Origin.Kind, batch: String, item: ItemID, college: String? = nil, advisor: String? = nil,
        sequence: Int
    ) {
        self.kind = kind
        self.batch = batch
        self.item = item
        self.college = college
        self.advisor = advisor
        self.sequence = sequence
    }

    /// The code of the export `origin` describes, or `nil` for an issuance list (no item).
    public init?(_ origin: Origin) {
        guard origin.kind != .issuance, let item = origin.item else { return nil }
        self.init(
            kind: origin.kind, batch: origin.batch, item: item, college: origin.college, advisor: origin.advisor,
            sequence: origin.sequence)
    }

    /// The header of the column that carries the code.
    public static let header = "导出编号"
    /// What the code starts with: the layout's name and version.
    static let prefix = "LX1"
    /// How many hex digits of the keyed code are kept: 48 bits, and every guess costs a dropped file.
    static let checkLength = 12

    /// The origin this code stands for, without row values (they are read from the journal at `sequence`).
    public var origin: Origin {
        Origin(
            kind: kind, batch: batch, item: item, college: college, advisor: advisor, sequence: sequence,
            generatedAt: "", rows: [:])
    }

    /// The code as written in the sheet, signed by `signer`.
    public func text(signer: OriginSigner) -> String {
        (fields + [check(signer)]).joined(separator: "|")
    }

    /// Why a 导出编号 cell does not name an export of this installation.
    public enum Problem: Error, Sendable, Hashable {
        /// Not a code at all (typed over, cut, or another column pasted there).
        case malformed
        /// Well-formed, but its check code is not this installation's: edited by hand or made elsewhere.
        case forged
        /// Made before the installation's secret was lost and made again: it cannot be verified any more.
        case unverifiable

        /// What the receipt says, after 「导出编号」列：.
        public var message: String {
            switch self {
            case .malformed: "编号不完整或格式不对（不要修改此列），此行未处理"
            case .forged: "编号校验不通过：被修改过，或不是本系统导出的表，此行未处理"
            case .unverifiable: "编号生成于系统密钥重建之前，无法核验，请使用 outbox 中最新的导出表，此行未处理"
            }
        }
    }

    /// Reads a cell's text as a code and verifies it with `signer`; `nil` when the text is not meant as one
    /// (empty, or not starting with `LX1|`).
    public static func read(_ text: String, signer: OriginSigner) -> Result<ExportCode, Problem>? {
        let trimmed = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        guard trimmed.hasPrefix(prefix + "|") else { return nil }
        let parts = trimmed.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 8, let kind = kindLetters.first(where: { $0.letter == parts[1] })?.kind,
            let batch = unescaped(parts[2]), !batch.isEmpty, let item = unescaped(parts[3]), !item.isEmpty,
            let college = unescaped(parts[4]), let advisor = unescaped(parts[5]),
            let sequence = Int(parts[6]), sequence >= 0, String(sequence) == parts[6]
        else { return .failure(.malformed) }
        let code = ExportCode(
            kind: kind, batch: batch, item: ItemID(item), college: college.isEmpty ? nil : college,
            advisor: advisor.isEmpty ? nil : advisor, sequence: sequence)
        guard code.verifies(parts[7], signer: signer) else {
            return .failure(signer.predatesKey(batch: batch, sequence: sequence) ? .unverifiable : .forged)
        }
        return .success(code)
    }

    /// Finds a code inside a longer text (the notes row `导出编号：LX1|…`), or `nil`.
    public static func find(in text: String, signer: OriginSigner) -> Result<ExportCode, Problem>? {
        guard let start = text.range(of: prefix + "|") else { return nil }
        let rest = text[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "）" && $0 != ")" }
        return read(String(rest), signer: signer)
    }

    private static let kindLetters: [(kind: Origin.Kind, letter: String)] = [
        (.department, "D"), (.advisor, "A"), (.issuance, "I"),
    ]

    private var fields: [String] {
        let letter = Self.kindLetters.first { $0.kind == kind }?.letter ?? "?"
        return [
            Self.prefix, letter, Self.escaped(batch), Self.escaped(item.rawValue), Self.escaped(college ?? ""),
            Self.escaped(advisor ?? ""), String(sequence),
        ]
    }

    private func check(_ signer: OriginSigner) -> String {
        String(
            signer.code(ofText: "lixiao-export-code\u{1F}" + fields.joined(separator: "\u{1F}")).prefix(
                Self.checkLength))
    }

    private func verifies(_ given: String, signer: OriginSigner) -> Bool {
        OriginSigner.matches(check(signer), given)
    }

    /// `text` with `%`, `|`, brackets and white space written as `%XX` (UTF-8 bytes), so a code is one word.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar == "|" || scalar == ")" || scalar == "）" || scalar.properties.isWhitespace
                || scalar.value < 0x20
            {
                for byte in String(scalar).utf8 {
                    result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text `escaped` wrote, or `nil` when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    private static func unescaped(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next(), let low = utf8.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
