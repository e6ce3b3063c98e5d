extension LedgerStore {
    /// The file holding the private key departure notices are signed with; never shared, never copied.
    public static let noticeKeyFileName = "notice-signing.key"

    /// The 32-byte seed of the installation's Ed25519 notice-signing key from `<root>/notice-signing.key`, made
    /// (from the system's random source, mode 0600) when absent and `creating`; `nil` when absent otherwise.
    ///
    /// The file is the seed as 64 hex digits and a newline. A file that is there but malformed is
    /// ``LedgerError/Kind/damaged(file:sequence:line:reason:)``, never silently replaced: a new key would make
    /// every notice printed so far unverifiable.
    public func noticeKeySeed(creating: Bool) throws(LedgerError) -> [UInt8]? {
        let path = Path.join(root, Self.noticeKeyFileName)
        if let bytes = try fileSystem.contents(of: path) {
            let text = String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            guard let seed = Self.hexBytes(text), seed.count == 32 else {
                throw LedgerError(
                    .damaged(
                        file: path, sequence: 0, line: 1,
                        reason: "the notice-signing key is not 64 hex digits; restore it from a backup"))
            }
            return seed
        }
        guard creating else { return nil }
        try refuseWhenReading(path)
        var generator = SystemRandomNumberGenerator()
        let seed = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = seed.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "\n"
        try fileSystem.writeAtomically(Array(text.utf8), to: path, mode: 0o600)
        return seed
    }

    /// The bytes of an even number of hex digits, or `nil`.
    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
