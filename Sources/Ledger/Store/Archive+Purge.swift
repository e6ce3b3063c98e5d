extension Archive {
    /// The names of the files in a stored file's folder other than `processed.tsv` (its receipts and, while it is
    /// processed, its source), sorted.
    public func storedNames(_ sha256: String) throws(LedgerError) -> [String] {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        return try fileSystem.names(in: folder(for: sha256)).filter { $0 != Self.processingName }.sorted()
    }

    /// Lets a stored file's personal data go: removes its receipts and any copy of it, and rewrites its
    /// `processed.tsv` (atomically) with each line's `redacted` fields (0-based) replaced by `replacement` — the
    /// file's original name and its receipt's path, which may name a person. The hash (the folder's name), times,
    /// folders and outcomes stay: they still say what was received, when and from where.
    public func purge(_ sha256: String, redacting redacted: Set<Int>, with replacement: String) throws(LedgerError) {
        let folder = folder(for: sha256)
        for name in try storedNames(sha256) { try fileSystem.removeIfPresent(Path.join(folder, name)) }
        let lines = try processing(sha256)
        var bytes = TSV.byteOrderMark
        for line in lines {
            let fields = line.enumerated().map {
                redacted.contains($0.offset) && !$0.element.isEmpty ? replacement : $0.element
            }
            TSV.appendLine(fields, to: &bytes)
        }
        if !lines.isEmpty { try fileSystem.writeAtomically(bytes, to: Path.join(folder, Self.processingName)) }
        try fileSystem.syncFolder(folder)
    }
}
