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
