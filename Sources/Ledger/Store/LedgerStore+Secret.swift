import Glibc

/// The installation's secret: random bytes that only this ledger knows, for keying check codes.
public struct LedgerSecret: Sendable, Equatable {
    /// The key: 32 random bytes.
    public var key: [UInt8]
    /// For a secret made while journals already held records (the old one was lost): each such batch's last
    /// sequence number when it was made. Anything keyed before those positions was keyed with the lost secret.
    public var madeAfter: [String: Int]
    /// Whether this call made the secret (it was absent).
    public var isNew: Bool

    public init(key: [UInt8], madeAfter: [String: Int], isNew: Bool) {
        self.key = key
        self.madeAfter = madeAfter
        self.isNew = isNew
    }
}

extension LedgerStore {
    /// The secret's file in the ledger folder; never shared, never copied to the outbox.
    public static let secretFileName = "secret.key"

    /// The installation's secret from `<root>/secret.key`, made (32 random bytes, mode 0600) when absent.
    ///
    /// The file is text: the key as 64 hex digits on the first line, then, for a secret made when journals
    /// already held records, one `made-after <TAB> batch <TAB> sequence` line per such batch (`positions` gives
    /// each batch's last sequence now; zeros are left out). A file that is there but unreadable or malformed is
    /// ``LedgerError/Kind/damaged(file:sequence:line:reason:)``, never silently replaced.
    public func secret(positions: [String: Int]) throws(LedgerError) -> LedgerSecret {
        if let secret = try existingSecret() { return secret }
        let path = Path.join(root, Self.secretFileName)
        try refuseWhenReading(path)
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let madeAfter = positions.filter { $0.value > 0 }
        var text = key.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\n"
        for (batch, sequence) in madeAfter.sorted(by: { $0.key < $1.key }) {
            text += "made-after\t\(batch)\t\(sequence)\n"
        }
        try fileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
        return LedgerSecret(key: key, madeAfter: madeAfter, isNew: true)
    }

    /// The installation's secret when `<root>/secret.key` exists; `nil` when it does not (nothing is made).
    public func existingSecret() throws(LedgerError) -> LedgerSecret? {
        let path = Path.join(root, Self.secretFileName)
        guard let bytes = try fileSystem.contents(of: path) else { return nil }
        guard let secret = Self.parseSecret(String(decoding: bytes, as: UTF8.self)) else {
            throw LedgerError(
                .damaged(
                    file: path, sequence: 0, line: 1,
                    reason: "the installation secret is not 64 hex digits; restore it from a backup"))
        }
        return secret
    }

    private static func parseSecret(_ text: String) -> LedgerSecret? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first.utf8.count == 64 else { return nil }
        var key: [UInt8] = []
        var digits = first.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            guard let byte = UInt8(String([high, low]), radix: 16) else { return nil }
            key.append(byte)
        }
        var madeAfter: [String: Int] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "made-after", let sequence = Int(fields[2]) else { return nil }
            madeAfter[String(fields[1])] = sequence
        }
        return LedgerSecret(key: key, madeAfter: madeAfter, isNew: false)
    }
}
