extension Journal {
    /// What purging a journal's payloads makes: the new file, and how its chain relates to the old one.
    public struct Purged: Sendable {
        /// The whole new file.
        public var bytes: [UInt8]
        /// How many records had a payload that is now only a commitment.
        public var records: Int
        /// The last record's hash before and after: equal, unless the journal was in format 1 and had to be
        /// sealed again in format 2 (after being verified whole).
        public var lastHashBefore: String
        public var lastHashAfter: String
    }

    /// The journal with every record's personal payload (`old`, `new`, `remark`) replaced by its commitment, and
    /// what each record keeps (format 2 records keep what they were appended with; a format-1 journal is sealed
    /// again in format 2 first, each record keeping `kept(record)`).
    ///
    /// The journal is verified whole first: damage throws ``LedgerError/Kind/damaged(file:sequence:line:reason:)``
    /// and nothing is made. Nothing is written either: the caller replaces the file
    /// (``LedgerStore/replaceJournal(of:with:)``).
    public func purgedContents(kept: (JournalRecord) -> JournalEntry.Kept) throws(LedgerError) -> Purged {
        switch verify() {
        case .damaged(let sequence, let line, let reason):
            throw LedgerError(.damaged(file: path, sequence: sequence, line: line, reason: reason))
        case .intact(let records, _):
            guard records == lastSequence else {
                throw LedgerError(
                    .damaged(
                        file: path, sequence: records + 1, line: records + 2,
                        reason: "the journal changed while it was being purged"))
            }
        }
        var sealed: [UInt8]
        if format == .one {
            sealed = JournalLine.header + [TSV.newline]
            var previous = JournalLine.zeroHash
            do {
                try forEach { record in
                    var entry = record.entry
                    entry.kept = kept(record)
                    previous = JournalLine.append(
                        entry, sequence: record.sequence, previousHash: previous, format: .two, to: &sealed)
                }
            } catch let error as LedgerError {
                throw error
            } catch {
                throw LedgerError(.badRequest("\(error)"))
            }
        } else {
            sealed = try wholeFile()
        }
        var out: [UInt8] = []
        out.reserveCapacity(sealed.count)
        var records = 0
        var lastHash = JournalLine.zeroHash
        for (index, line) in sealed.split(separator: TSV.newline, omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                out += line
                out.append(TSV.newline)
                continue
            }
            guard !line.isEmpty else { continue }
            guard let purged = JournalLine.purged(line), let inspection = JournalLine.inspect(line) else {
                throw LedgerError(
                    .damaged(
                        file: path, sequence: index, line: index + 1, reason: "the record cannot be purged"))
            }
            if !inspection.isPurged { records += 1 }
            lastHash = String(decoding: inspection.hash, as: UTF8.self)
            out += purged
            out.append(TSV.newline)
        }
        return Purged(bytes: out, records: records, lastHashBefore: self.lastHash, lastHashAfter: lastHash)
    }

    /// The file's bytes up to the end of the last record.
    private func wholeFile() throws(LedgerError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var filled = 0
        while filled < length {
            let result = bytes.withUnsafeMutableBytes { raw in
                Result { () throws(LedgerError) in
                    try fileSystem.read(
                        descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]), at: filled,
                        path: path)
                }
            }
            let count = try result.get()
            guard count > 0 else {
                throw LedgerError(
                    .damaged(file: path, sequence: lastSequence, line: 0, reason: "the file ended early"))
            }
            filled += count
        }
        return bytes
    }
}

extension LedgerStore {
    /// Replaces `batch`'s journal with `bytes` (from ``Journal/purgedContents(kept:)``) atomically, removing the
    /// snapshot first (it holds the payloads; the caller saves a new one from the purged journal). The journal
    /// is opened afresh on its next use; a ``Journal`` object held from before must not be used again.
    public func replaceJournal(of batch: String, with bytes: [UInt8]) throws(LedgerError) {
        guard Path.isPlainName(batch), batch != Archive.folderName else { throw LedgerError(.badName(batch)) }
        let folder = Path.join(root, batch)
        try refuseWhenReading(folder)
        journals[batch] = nil
        try fileSystem.removeIfPresent(Path.join(folder, "snapshot.tsv"))
        try fileSystem.syncFolder(folder)
        try fileSystem.writeAtomically(bytes, to: Path.join(folder, "journal.tsv"))
    }
}
