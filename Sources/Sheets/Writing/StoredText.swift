/// Text as it must be stored in an xlsx cell so that readers get back the text that was written.
///
/// libxlsxwriter escapes control characters as `_xHHHH_` but leaves two cases alone: a literal `_x0041_` in the
/// text, which Excel, LibreOffice and lixiao's reader would decode to `A`, and the characters XML cannot hold at
/// all, which would make the file unreadable.
enum StoredText {
    /// libxlsxwriter's (and Excel's) limit on a cell's text, in characters.
    static let maximumCharacters = 32_767

    /// `text` with each literal `_xHHHH_` escaped as `_x005F_xHHHH_`, and NUL, U+FFFE and U+FFFF replaced by
    /// U+FFFD (�), the only change a reader can see.
    ///
    /// Text longer than a cell can hold (32,767 characters) is cut at 32,000 and marked, so a remark or a quoted
    /// input that slipped past every other limit can never make a workbook fail to write.
    static func escape(_ text: String) -> String {
        if text.utf8.count > maximumCharacters, text.unicodeScalars.count > maximumCharacters {
            return escape(String(String.UnicodeScalarView(text.unicodeScalars.prefix(32_000))) + "…（已截断）")
        }
        guard text.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "_") || $0 == 0xEF }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var stored = String.UnicodeScalarView()
        for index in scalars.indices {
            let scalar = scalars[index]
            switch scalar.value {
            case 0, 0xFFFE, 0xFFFF:
                stored.append("\u{FFFD}")
            case 0x5F where startsEscape(scalars, at: index):
                stored.append(contentsOf: "_x005F_".unicodeScalars)
            default:
                stored.append(scalar)
            }
        }
        return String(stored)
    }

    /// Whether `_xHHHH_` (hex digits in either case) starts at `index`.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
