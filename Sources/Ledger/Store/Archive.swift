import Glibc

/// The content-addressed archive of processed source files: `<ledger>/archive/<first 2 hex>/<sha256>/`.
///
/// Each folder holds the file's bytes once, as `source.<ext>` however often it was dropped, a
/// `processed.tsv` with one line per time it was processed, and the receipts written for it. Folders are created
/// with mode 0750 and files with 0640.
public struct Archive: Sendable {
    static let folderName = "archive"
    static let processingName = "processed.tsv"

    /// The archive's folder.
    public let folder: String
    let fileSystem: FileSystem

    init(folder: String, fileSystem: FileSystem) {
        self.folder = folder
        self.fileSystem = fileSystem
    }

    /// The folder of the file whose SHA-256 is `sha256` (which need not be stored yet).
    public func folder(for sha256: String) -> String {
        Path.join(Path.join(folder, String(sha256.prefix(2))), sha256)
    }

    /// Whether the bytes with this SHA-256 are stored; a folder that cannot be read is an error, never "no".
    public func contains(_ sha256: String) throws(LedgerError) -> Bool {
        guard SHA256Hex.isValid(sha256) else { return false }
        return try storedSource(sha256) != nil
    }

    /// Copies the file at `path` into the archive, unless bytes with this SHA-256 are already there; returns the
    /// file's archive folder.
    ///
    /// The copy is named `source.<ext>`, `ext` being `originalName`'s extension in lower case (`source` without
    /// one). It is written to a temporary file, checked against `sha256` while copying, flushed, renamed into place,
    /// and the folder is flushed. A file that does not have the announced hash (it changed after it was hashed) is
    /// refused with ``LedgerError/Kind/sourceChanged(path:expected:found:)``; a malformed hash with
    /// ``LedgerError/Kind/badName(_:)``. The original is opened with `O_NOFOLLOW` and never changed.
    @discardableResult
    public func store(file path: String, sha256: String, originalName: String) throws(LedgerError) -> String {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        let destinationFolder = folder(for: sha256)
        if try storedSource(sha256) != nil { return destinationFolder }
        try fileSystem.makeFolders(destinationFolder)
        let input = try fileSystem.open(path, flags: O_RDONLY | O_NOFOLLOW)
        defer { fileSystem.closeQuietly(input) }
        let temporary = Path.join(destinationFolder, FileSystem.temporaryName())
        let output = try fileSystem.open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL, mode: FileSystem.fileMode)
        var copying = CopyingHasher(fileSystem: fileSystem, output: output, path: temporary)
        do throws(LedgerError) {
            try SHA256Hex.forEachChunk(of: input, path: path, fileSystem: fileSystem) { chunk throws(LedgerError) in
                try copying.write(chunk)
            }
            let found = copying.digest()
            guard found == sha256 else {
                throw LedgerError(.sourceChanged(path: path, expected: sha256, found: found))
            }
            try fileSystem.sync(output, path: temporary)
        } catch {
            fileSystem.closeQuietly(output)
            try? fileSystem.removeIfPresent(temporary)
            throw error
        }
        let destination = Path.join(destinationFolder, Self.sourceName(for: originalName))
        do {
            try fileSystem.close(output, path: temporary)
            try fileSystem.rename(temporary, to: destination)
        } catch {
            try? fileSystem.removeIfPresent(temporary)
            throw error
        }
        try fileSystem.syncFolder(destinationFolder)
        return destinationFolder
    }

    /// Saves a receipt beside the stored source, atomically, as `name`.
    ///
    /// `name` must be a plain file name (see ``LedgerStore/journal(batch:)``); the folder is created if the
    /// source was not stored.
    public func storeReceipt(_ sha256: String, name: String, bytes: [UInt8]) throws(LedgerError) {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        guard Path.isPlainName(name), name != Self.processingName, !Self.isSourceName(name) else {
            throw LedgerError(.badName(name))
        }
        try fileSystem.writeAtomically(bytes, to: Path.join(folder(for: sha256), name))
    }

    /// The name of a stored copy of a file called `originalName`.
    static func sourceName(for originalName: String) -> String {
        let name = Path.name(of: originalName)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "source" }
        let ext = name[name.index(after: dot)...].lowercased()
        let candidate = "source." + ext
        return isSourceName(candidate) ? candidate : "source"
    }

    /// Whether `name` is a stored copy's: `source`, or `source.` and up to 16 lowercase letters and digits.
    static func isSourceName(_ name: String) -> Bool {
        guard name != "source" else { return true }
        guard name.hasPrefix("source.") else { return false }
        let ext = name.dropFirst("source.".count)
        return !ext.isEmpty && ext.count <= 16
            && ext.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// The path of the stored copy, or `nil` when there is none.
    private func storedSource(_ sha256: String) throws(LedgerError) -> String? {
        let names = try fileSystem.names(in: folder(for: sha256))
        guard let name = names.first(where: Self.isSourceName) else { return nil }
        return Path.join(folder(for: sha256), name)
    }
}

/// Writes chunks to a file while hashing them.
private struct CopyingHasher {
    let fileSystem: FileSystem
    let output: Int32
    let path: String
    private var written = 0
    private var hasher = IncrementalSHA256()

    init(fileSystem: FileSystem, output: Int32, path: String) {
        self.fileSystem = fileSystem
        self.output = output
        self.path = path
    }

    mutating func write(_ chunk: UnsafeRawBufferPointer) throws(LedgerError) {
        hasher.update(chunk)
        try fileSystem.writeAll(Array(chunk), to: output, at: written, path: path)
        written += chunk.count
    }

    mutating func digest() -> String { hasher.finalize() }
}
