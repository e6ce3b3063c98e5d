import Glibc

extension Archive {
    /// Appends one line to the file's `processed.tsv`: who processed it, when, under which name, with what
    /// outcome — the caller chooses the fields.
    ///
    /// The fields are escaped and tab-separated like the journal's; a new file starts with a byte order mark. The
    /// line is written and flushed (`pwrite`, `fsync`) before this returns; a failed write is cut off again, and a
    /// line a crash left without its line end is cut off before the next one is written.
    public func recordProcessing(_ sha256: String, fields: [String]) throws(LedgerError) {
        guard SHA256Hex.isValid(sha256) else { throw LedgerError(.badName(sha256)) }
        let folder = folder(for: sha256)
        try fileSystem.makeFolders(folder)
        let path = Path.join(folder, Self.processingName)
        let created = try fileSystem.status(of: path) == nil
        let descriptor = try fileSystem.open(path, flags: O_RDWR | O_CREAT, mode: FileSystem.fileMode)
        defer { fileSystem.closeQuietly(descriptor) }
        let existing = try fileSystem.contents(ofOpen: descriptor, path: path)
        let markLength = existing.starts(with: TSV.byteOrderMark) ? TSV.byteOrderMark.count : 0
        let end = max((existing.lastIndex(of: TSV.newline) ?? -1) + 1, markLength)
        var line: [UInt8] = end == 0 ? TSV.byteOrderMark : []
        TSV.appendLine(fields, to: &line)
        do {
            if end < existing.count { try fileSystem.truncate(descriptor, to: end, path: path) }
            try fileSystem.writeAll(line, to: descriptor, at: end, path: path)
            try fileSystem.sync(descriptor, path: path)
        } catch {
            try? fileSystem.truncate(descriptor, to: end, path: path)
            try? fileSystem.sync(descriptor, path: path)
            throw error
        }
        if created { try fileSystem.syncFolder(folder) }
    }

    /// The SHA-256 of every file in the archive, sorted; a folder that cannot be read is an error.
    public func storedFiles() throws(LedgerError) -> [String] {
        var found: [String] = []
        for prefix in try fileSystem.names(in: folder) where prefix.count == 2 && !prefix.hasPrefix(".") {
            let names = try fileSystem.names(in: Path.join(folder, prefix))
            found += names.filter { SHA256Hex.isValid($0) && $0.hasPrefix(prefix) }
        }
        return found.sorted()
    }

    /// The lines ``recordProcessing(_:fields:)`` wrote for a file, oldest first; empty when there are none. A last
    /// line without its line end (cut by a crash) is left out. A file that exists but cannot be read is an error:
    /// the duplicate check must never fail open.
    public func processing(_ sha256: String) throws(LedgerError) -> [[String]] {
        guard SHA256Hex.isValid(sha256),
            let bytes = try fileSystem.contents(of: Path.join(folder(for: sha256), Self.processingName))
        else { return [] }
        var lines: [[String]] = []
        var start = bytes.starts(with: TSV.byteOrderMark) ? TSV.byteOrderMark.count : 0
        for index in bytes.indices[start...] where bytes[index] == TSV.newline {
            lines.append(TSV.fields(bytes[start..<index]))
            start = index + 1
        }
        return lines
    }
}

extension Archive {
    /// The marker saying that the copies of files answered before copies were released have been removed.
    static let releasedMarker = ".answered-copies-released"

    /// Removes, once per archive, the copies an earlier version kept of files long answered, so that an
    /// installation from before ``releaseSource(_:)`` keeps its promise too; returns how many were removed. Copies of files whose processing was interrupted (their last line is not
    /// `done`) stay: they mark it.
    ///
    /// Costs one `lstat` once the marker exists; the marker is written after the last removal.
    public func releaseAnsweredSources() throws(LedgerError) -> Int {
        guard try fileSystem.status(of: folder) != nil else { return 0 }
        let marker = Path.join(folder, Self.releasedMarker)
        guard try fileSystem.status(of: marker) == nil else { return 0 }
        var released = 0
        for sha in try storedFiles() {
            guard try contains(sha) else { continue }
            let lines = try processing(sha)
            guard let last = lines.last, last.count < 5 || last[4] == "done" else { continue }
            try releaseSource(sha)
            released += 1
        }
        try fileSystem.writeAtomically([], to: marker)
        return released
    }
}
