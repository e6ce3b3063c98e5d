/// Why a page could not be printed.
public struct PrintingError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// cairo could not create, write or finish the file.
        case cannotWrite(path: String, reason: String)
        /// No installed font has a glyph for some of the text (no CJK font: install fonts-noto-cjk).
        case missingGlyphs(text: String)
        /// The QR code cannot hold the payload.
        case codeTooLong(bytes: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) { self.kind = kind }

    public var description: String {
        switch kind {
        case .cannotWrite(let path, let reason): "cannot write the PDF \(path): \(reason)"
        case .missingGlyphs(let text):
            "no installed font can show \(text.debugDescription) (install a CJK font, e.g. Debian's fonts-noto-cjk)"
        case .codeTooLong(let bytes): "a QR code cannot hold \(bytes) bytes"
        }
    }
}
