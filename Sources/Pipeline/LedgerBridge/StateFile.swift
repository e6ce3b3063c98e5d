import Ledger

/// A tab-separated state file beside the journal (`notices.tsv`, `outputs.tsv`, `registry.tsv`), read so that only
/// "not there" means empty.
enum StateFile {
    /// Each non-empty line's number (from 1) and fields; no lines when the file does not exist. A file that
    /// cannot be read or is not UTF-8 is an error, never "empty".
    static func lines(_ path: String, store: LedgerStore) throws(LedgerError) -> [(number: Int, fields: [String])] {
        guard let bytes = try store.contentsIfPresent(path) else { return [] }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw LedgerError(.stateDamaged(file: path, line: 0, reason: "it is not UTF-8 text"))
        }
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            line.isEmpty ? nil : (index + 1, LedgerText.fields(bytes: line))
        }
    }
}
