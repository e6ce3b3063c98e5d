import Crypto
import Foundation
import Ledger
import Reports

extension OriginSigner {
    /// The signer of this installation: HMAC-SHA256 of the origin's canonical text, keyed with the ledger's
    /// secret (`ledger/secret.key`), as 64 lowercase hex digits.
    ///
    /// Origins made before a lost secret was made again (`LedgerSecret.madeAfter`) are reported as unverifiable.
    static func keyed(with secret: LedgerSecret) -> OriginSigner {
        let bytes = secret.key
        let madeAfter = secret.madeAfter
        return OriginSigner(
            { text in
                let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes))
                return code.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            },
            signedWithLostKey: { batch, sequence in
                guard let position = madeAfter[batch] else { return false }
                return sequence <= position
            })
    }
}
