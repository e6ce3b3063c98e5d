extension Archive {
    /// Stores `bytes` — a dropped file read once into memory — unless bytes with this SHA-256 are already there;
    /// returns the path of the stored copy, which is what lixiao then parses.
    ///
    /// The copy is `source.<ext>` as in ``store(file:sha256:originalName:)`` and is written atomically (temporary
    /// file, flush, rename, flush of the folder). Bytes whose hash is not `sha256` are refused with
    /// ``LedgerError/Kind/sourceChanged(path:expected:found:)``.
    public func store(bytes: [UInt8], sha256: String, originalName: String) throws(LedgerError) -> String {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        let found = SHA256Hex.of(bytes)
        guard found == sha256 else {
            throw LedgerError(.sourceChanged(path: originalName, expected: sha256, found: found))
        }
        let destinationFolder = folder(for: sha256)
        if let stored = try fileSystem.names(in: destinationFolder).first(where: Self.isSourceName) {
            return Path.join(destinationFolder, stored)
        }
        let destination = Path.join(destinationFolder, Self.sourceName(for: originalName))
        try fileSystem.writeAtomically(bytes, to: destination)
        return destination
    }
}

extension Archive {
    /// Removes the stored copy of these bytes, once the file they came from is answered: the archive keeps only
    /// what the ledger needs — the hash (the folder's name, which proves what was received), `processed.tsv` and
    /// the receipts — never the columns and rows a file carried that lixiao did not take in (DESIGN.md §5).
    ///
    /// The folder is flushed after the removal. Nothing stored is not an error.
    public func releaseSource(_ sha256: String) throws(LedgerError) {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        let folder = folder(for: sha256)
        let stored = try fileSystem.names(in: folder).filter(Self.isSourceName)
        guard !stored.isEmpty else { return }
        for name in stored { try fileSystem.removeIfPresent(Path.join(folder, name)) }
        try fileSystem.syncFolder(folder)
    }
}
