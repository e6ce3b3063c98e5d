/// The ledger's tab-separated line format, for other modules' files beside the ledger (the registry reference,
/// the output index), so every `.tsv` lixiao writes escapes the same way.
public enum LedgerText {
    /// One line: `fields` escaped (`\\` `\t` `\n` `\r`), joined by tabs, ended by `\n`.
    public static func line(_ fields: [String]) -> String {
        var buffer: [UInt8] = []
        TSV.appendLine(fields, to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The unescaped fields of one line (without its `\n`); a leading byte order mark is skipped.
    public static func fields(_ line: Substring) -> [String] {
        fields(bytes: ArraySlice(Array(line.utf8)))
    }

    /// The unescaped fields of one line given as bytes (without its `\n`); a leading byte order mark is skipped.
    public static func fields(bytes line: ArraySlice<UInt8>) -> [String] {
        var bytes = line
        if bytes.starts(with: TSV.byteOrderMark) { bytes = bytes.dropFirst(3) }
        return TSV.fieldRanges(bytes).map { TSV.unescape(bytes[$0]) }
    }
}
