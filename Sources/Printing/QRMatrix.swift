import CQREncode

/// The modules of a QR code (libqrencode, error correction level M: readable with 15 % of it smudged).
struct QRMatrix {
    /// Modules per side, without the quiet zone.
    let size: Int
    /// Row by row, `true` for a dark module.
    let dark: [Bool]

    init(_ payload: String) throws(PrintingError) {
        // Case-sensitive, choosing the densest mode per segment (alphanumeric for a base-45 payload).
        guard let code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw PrintingError(.codeTooLong(bytes: payload.utf8.count))
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        guard let data = code.pointee.data else { throw PrintingError(.codeTooLong(bytes: payload.utf8.count)) }
        self.size = size
        dark = (0..<size * size).map { data[$0] & 1 == 1 }
    }

    func isDark(row: Int, column: Int) -> Bool { dark[row * size + column] }
}
