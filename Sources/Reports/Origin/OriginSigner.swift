/// Computes the keyed check code of an origin: the one secret the outbox's origins are signed with.
///
/// Reports never sees the key. The pipeline builds a signer from the installation's secret (HMAC-SHA256 keyed
/// with `ledger/secret.key`) and passes it in; `Origin.write` asks it for the code of the origin's canonical text
/// and `Origin.read` asks again and compares. Anyone can read an origin, but only this installation can make one
/// whose code verifies, so an origin edited by hand — even with a recomputed unkeyed digest — is refused.
public struct OriginSigner: Sendable {
    private let sign: @Sendable (String) -> String
    private let signedWithLostKey: @Sendable (_ batch: String, _ sequence: Int) -> Bool

    /// A signer that returns `code(text)` — lowercase hex digits — for an origin's canonical text.
    ///
    /// `signedWithLostKey` says whether an origin of `batch` at `sequence` was made before the current key existed
    /// (the key was lost and made again while the ledger already held records): such an origin cannot be verified,
    /// and its refusal says so rather than calling the file edited.
    public init(
        _ code: @escaping @Sendable (String) -> String,
        signedWithLostKey: @escaping @Sendable (_ batch: String, _ sequence: Int) -> Bool = { _, _ in false }
    ) {
        sign = code
        self.signedWithLostKey = signedWithLostKey
    }

    /// A short text that names the key without revealing it (the code of a fixed text), for fingerprints: outputs
    /// carrying an origin are rebuilt — and signed again — when the key changes.
    public var keyIdentifier: String {
        String(sign("lixiao-origin-key-identifier").prefix(16))
    }

    /// The keyed code of `text`, as the closure given to `init` makes it.
    fileprivate func signText(_ text: String) -> String {
        sign(text)
    }

    /// Whether an origin of `batch` at `sequence` predates the current key (see `init`).
    func predatesKey(batch: String, sequence: Int) -> Bool {
        signedWithLostKey(batch, sequence)
    }

    /// The check code of `origin`, in lowercase hex digits.
    func code(of origin: Origin) -> String {
        sign(OriginLayout.canonicalText(of: origin)).lowercased()
    }

    /// Whether `code` is `origin`'s check code; compares every character, so the time taken does not say where
    /// a forged code first differs.
    func verifies(_ origin: Origin, code: String) -> Bool {
        Self.matches(self.code(of: origin), code)
    }

    /// Whether a given check code equals the expected one (ignoring case), comparing every character, so the
    /// time taken does not say where a forged code first differs.
    static func matches(_ expected: String, _ given: String) -> Bool {
        let expected = Array(expected.utf8)
        let given = Array(given.lowercased().utf8)
        guard expected.count == given.count, !expected.isEmpty else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }
}

extension OriginSigner {
    /// The keyed code of any `text` (an export code's fields), in lowercase hex digits.
    func code(ofText text: String) -> String {
        signText(text).lowercased()
    }
}
