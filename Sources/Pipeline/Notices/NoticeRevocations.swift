public import Clearance
import Foundation
import Reports

/// A batch's list of superseded departure notices (离校通知单失效名单), `outbox/notices/<批次>/`, signed with the
/// notice key so that an office without the ledger can tell a notice that has been replaced.
///
/// It is written again whenever the batch's journal moves, and says the position it is as of (截至位置): a notice
/// signed after that position cannot be judged by it. For each person a notice was ever signed for (the outbox
/// keeps their notice current from then on), the list gives the ledger position of their current notice:
/// any notice of theirs signed at an earlier position has been replaced by one that shows something new. A
/// person who no longer departs in the batch (withdrawn, moved to another batch) is listed as 作废: all their
/// notices of this batch are void. Names are left out; the 学工号 is what a notice is checked against.
///
/// The file is text: a title line, `学校`, `批次`, `生成时间`, `说明` lines, a `学工号 <TAB> 有效起始位置` header,
/// one line per person, and a last line `签名 <TAB>` with the base64 Ed25519 signature of every byte before it.
public struct NoticeRevocations: Sendable, Equatable {
    public enum Standing: Sendable, Equatable {
        /// Notices signed before this position are superseded.
        case validFrom(Int)
        /// Every notice of this person in this batch is void.
        case void
    }

    public static let fileName = "离校通知单失效名单.txt"
    static let title = "离校通知单失效名单"
    static let explanation =
        "下列人员在「有效起始位置」之前签发的离校通知单已被内容更新的通知单取代；「作废」表示其已不在本批次离校名单中，"
        + "其本批次的离校通知单全部失效。核验：lixiao check-notice <通知单> --public-key 离校通知单公钥.pem --revocations 本文件"
    static let voidText = "作废"

    public var university: String
    public var batch: String
    public var generatedAt: String
    /// The batch journal's position the list is as of: a notice signed after it may have been superseded since
    /// without this list saying so.
    public var through: Int
    public var entries: [PersonID: Standing]
    /// When the batch's personal data was purged: every notice of the batch is void.
    public var purgedAt: String?

    public init(
        university: String, batch: String, generatedAt: String, through: Int, entries: [PersonID: Standing]
    ) {
        self.university = university
        self.batch = batch
        self.generatedAt = generatedAt
        self.through = through
        self.entries = entries
    }

    /// The list's text without its stamp (generation time) and signature: what its fingerprint is taken of.
    var canonicalBytes: [UInt8] { Array(body(generatedAt: "").utf8) }

    /// The whole file, signed.
    func signedBytes(with signer: NoticeSigner) throws(SigningError) -> [UInt8] {
        let body = Array(body(generatedAt: generatedAt).utf8)
        let signature = Data(try signer.signature(of: body)).base64EncodedString()
        return body + Array("签名\t\(signature)\n".utf8)
    }

    private func body(generatedAt: String) -> String {
        var text = "\(Self.title)\n学校\t\(university)\n批次\t\(batch)\n截至位置\t\(through)\n生成时间\t\(generatedAt)\n"
        if let purgedAt {
            text += "已清除\t\(purgedAt)\n说明\t本批次个人信息已于 \(purgedAt) 清除，本批次的离校通知单全部作废。\n"
        } else {
            text += "说明\t\(Self.explanation)\n"
        }
        text += "学工号\t有效起始位置\n"
        for (id, standing) in entries.sorted(by: { $0.key < $1.key }) {
            switch standing {
            case .validFrom(let sequence): text += "\(id.rawValue)\t\(sequence)\n"
            case .void: text += "\(id.rawValue)\t\(Self.voidText)\n"
            }
        }
        return text
    }

    /// Reads a list and checks its signature with `key`; throws a message saying what is wrong.
    public static func read(_ bytes: [UInt8], key: NoticePublicKey) throws(NoticeCheckError) -> NoticeRevocations {
        guard let text = String(validating: bytes, as: UTF8.self),
            let signatureStart = text.range(of: "\n签名\t", options: .backwards)
        else { throw NoticeCheckError("the file is not a list of superseded notices (it has no 签名 line)") }
        let body = Array(text[..<signatureStart.lowerBound].utf8) + [UInt8(ascii: "\n")]
        let encoded = text[signatureStart.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard let signature = Data(base64Encoded: encoded), key.verifies(Array(signature), of: body) else {
            throw NoticeCheckError(
                "the list of superseded notices is not signed by key \(key.identifier): it was edited or comes "
                    + "from another installation")
        }
        var list = NoticeRevocations(university: "", batch: "", generatedAt: "", through: -1, entries: [:])
        var inEntries = false
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 2 else { continue }
            if inEntries {
                if fields[1] == voidText {
                    list.entries[PersonID(fields[0])] = .void
                } else if let sequence = Int(fields[1]) {
                    list.entries[PersonID(fields[0])] = .validFrom(sequence)
                }
                continue
            }
            switch fields[0] {
            case "学校": list.university = fields[1]
            case "批次": list.batch = fields[1]
            case "生成时间": list.generatedAt = fields[1]
            case "截至位置": list.through = Int(fields[1]) ?? -1
            case "已清除": list.purgedAt = fields[1]
            case "学工号": inEntries = true
            default: break
            }
        }
        return list
    }
}

/// Why a notice or a list could not be checked (the text is English: `check-notice` prints it).
public struct NoticeCheckError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Signed by another key, edited after signing, or not a statement at all.
        case forged
        /// The input holds no notice statement.
        case notANotice
        /// The file cannot be read.
        case unreadable
    }

    public var description: String
    public var kind: Kind

    public init(_ description: String, kind: Kind = .forged) {
        self.description = description
        self.kind = kind
    }
}
