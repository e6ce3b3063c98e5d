import Crypto
import Foundation
import Ledger
public import Reports

/// The installation's Ed25519 key pair for departure notices: the private half in `ledger/notice-signing.key`
/// (mode 0600, never shared), the public half published as `outbox/notices/离校通知单公钥.pem` and printed by
/// `lixiao public-key`.
public struct NoticeKey: Sendable {
    /// The private key's 32-byte seed (the key type itself is not `Sendable`).
    private let seed: [UInt8]
    public let publicKey: NoticePublicKey

    /// The key of `store`'s ledger, made when absent and `creating` (a locked session); `nil` when absent otherwise.
    static func of(_ store: LedgerStore, creating: Bool) throws(LedgerError) -> NoticeKey? {
        guard let seed = try store.noticeKeySeed(creating: creating) else { return nil }
        do {
            return try NoticeKey(seed: seed)
        } catch {
            throw LedgerError(
                .damaged(
                    file: store.root + "/" + LedgerStore.noticeKeyFileName, sequence: 0, line: 1,
                    reason: "the notice-signing key cannot be read: \(error)"))
        }
    }

    init(seed: [UInt8]) throws {
        let privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        self.seed = seed
        publicKey = NoticePublicKey(raw: Array(privateKey.publicKey.rawRepresentation))
    }

    /// Signs statements and lists with this key.
    public var signer: NoticeSigner {
        let seed = self.seed
        return NoticeSigner(keyIdentifier: publicKey.identifier) { bytes in
            // The seed was a valid key when this was made; Ed25519 as BoringSSL implements it is deterministic.
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed),
                let signature = try? key.signature(for: bytes)
            else { return [] }
            return Array(signature)
        }
    }
}

/// The public half of a notice-signing key: all an office needs to check notices offline.
public struct NoticePublicKey: Sendable, Equatable {
    /// The 32 bytes of the Ed25519 public key.
    public let raw: [UInt8]

    /// The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410) before the key's 32 bytes.
    private static let infoPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]
    /// The published file's name in `outbox/notices/`.
    public static let fileName = "离校通知单公钥.pem"

    public init(raw: [UInt8]) {
        self.raw = raw
    }

    /// The key from a PEM file (`-----BEGIN PUBLIC KEY-----`, as this program and `openssl pkey -pubout` write
    /// it); `nil` when the text holds no Ed25519 public key.
    public init?(pem text: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN PUBLIC KEY-----"),
            let end = lines[begin...].firstIndex(of: "-----END PUBLIC KEY-----"),
            let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()),
            der.count == Self.infoPrefix.count + 32, Array(der.prefix(Self.infoPrefix.count)) == Self.infoPrefix
        else { return nil }
        raw = Array(der.suffix(32))
    }

    /// The first 8 bytes of the key's SHA-256 as four groups of hex digits (`3F2A 91C0 77D4 0B1E`).
    public var identifier: String {
        let digest = Array(SHA256.hash(data: raw)).prefix(8)
        let hex = digest.map { String(format: "%02X", $0) }.joined()
        return stride(from: 0, to: 16, by: 4).map { start in
            let from = hex.index(hex.startIndex, offsetBy: start)
            return String(hex[from..<hex.index(from, offsetBy: 4)])
        }.joined(separator: " ")
    }

    /// The key as a PEM file with a short explanation above it (readers such as openssl skip those lines).
    public func pem(university: String) -> String {
        let der = Data(Self.infoPrefix + raw).base64EncodedString()
        return """
            # \(university) 离校通知单签名公钥（Ed25519），由 lixiao 生成
            # 指纹：\(identifier)
            # 用法：lixiao check-notice <离校通知单.pdf 或二维码内容> --public-key \(Self.fileName)
            -----BEGIN PUBLIC KEY-----
            \(der)
            -----END PUBLIC KEY-----

            """
    }

    /// Whether `signature` is this key's Ed25519 signature of `bytes`.
    public func verifies(_ signature: [UInt8], of bytes: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(signature, for: bytes)
    }
}
