import Glibc

extension Journal {
    /// The path of the batch's `snapshot.tsv`.
    public var snapshotPath: String { Path.join(folder, "snapshot.tsv") }

    /// Saves the state reached after record `throughSequence`, atomically replacing the previous snapshot.
    ///
    /// The file starts (after a byte order mark for Excel) with
    /// `#lixiao-snapshot	through=<seq>	hash=<hash>	offset=<end>	sha256=<checksum>`, the hash being that journal
    /// record's, the offset where it ends in the journal (so opening reads only the records after it), and the
    /// checksum the SHA-256 of `through=<seq>	hash=<hash>	offset=<end>\n` followed by every byte after the first
    /// line; then the header row and the rows, escaped like the journal. A sequence beyond the journal's end is
    /// refused with ``LedgerError/Kind/badRequest(_:)``.
    public func writeSnapshot(header: [String], rows: [[String]], throughSequence: Int) throws(LedgerError) {
        guard !isReading else {
            throw LedgerError(.badRequest("\(snapshotPath) cannot be saved: the ledger was opened for reading only"))
        }
        guard let record = try checkpoint(ofRecord: throughSequence) else {
            throw LedgerError(
                .badRequest(
                    "cannot save a snapshot through record \(throughSequence): the journal of batch \(batch) has "
                        + "records 1 to \(lastSequence)"))
        }
        var body: [UInt8] = []
        TSV.appendLine(header, to: &body)
        for row in rows { TSV.appendLine(row, to: &body) }
        let hash = record.hash
        let end = throughSequence == 0 ? nil : record.end
        let checksum = SHA256Hex.of(Self.checksummedPrefix(through: throughSequence, hash: hash, end: end) + body)
        var bytes = TSV.byteOrderMark
        let offset = end.map { "\toffset=\($0)" } ?? ""
        bytes.append(
            contentsOf:
                "\(Self.snapshotMarker)\tthrough=\(throughSequence)\thash=\(hash)\(offset)\tsha256=\(checksum)\n"
                .utf8)
        bytes.append(contentsOf: body)
        try fileSystem.writeAtomically(bytes, to: snapshotPath)
    }

    /// The saved snapshot, or `nil` when there is none.
    ///
    /// A snapshot whose checksum fails, whose first line is not as ``writeSnapshot(header:rows:throughSequence:)``
    /// writes it or whose last line is cut is refused with ``LedgerError/Kind/snapshotDamaged(file:line:reason:)``
    /// (deleting it is safe: it is rebuilt from the journal). One saved through a record beyond the journal's end
    /// means the journal lost records: ``LedgerError/Kind/recordsMissing(journal:batch:lastSequence:shownSequence:shownBy:)``.
    /// One whose hash is not the hash of the journal's record of that sequence (the snapshot belongs to another
    /// journal, or the journal was rewritten) is refused with ``LedgerError/Kind/damaged(file:sequence:line:reason:)``.
    /// A snapshot of an earlier version, without a checksum, is read without that check.
    ///
    /// `rows` (when given) picks the rows to decode from each row's raw bytes; the checksum still covers them all.
    public func readSnapshot(rows: ((ArraySlice<UInt8>) -> Bool)? = nil) throws(LedgerError) -> Snapshot? {
        guard let checked = try Self.readCheckedSnapshot(at: snapshotPath, fileSystem: fileSystem, rows: rows)
        else { return nil }
        let through = checked.throughSequence
        guard let expected = try self.hash(ofRecord: through) else {
            throw LedgerError(
                .recordsMissing(
                    journal: path, batch: batch, lastSequence: lastSequence, shownSequence: through,
                    shownBy: snapshotPath))
        }
        guard expected == checked.hash else {
            throw LedgerError(
                .damaged(
                    file: snapshotPath, sequence: through, line: 1,
                    reason: "its hash \(checked.hash) is not the hash of journal record \(through), \(expected)"))
        }
        return checked
    }

    /// The snapshot as its checksum vouches for it, not yet compared with the journal; `nil` when there is none.
    static func readCheckedSnapshot(
        at path: String, fileSystem: FileSystem, rows wanted: ((ArraySlice<UInt8>) -> Bool)? = nil
    ) throws(LedgerError) -> Snapshot? {
        let descriptor: Int32
        do {
            descriptor = try fileSystem.open(path, flags: O_RDONLY)
        } catch let error where error.kind == .io(operation: "open", path: path, errno: ENOENT) {
            return nil
        }
        defer { fileSystem.closeQuietly(descriptor) }
        var reader = LineReader(fileSystem: fileSystem, descriptor: descriptor, path: path)
        let damaged = { (line: Int, reason: String) in
            LedgerError(.snapshotDamaged(file: path, line: line, reason: reason))
        }
        guard let first = try reader.next(), first.terminated,
            let marker = parseMarker(TSV.droppingByteOrderMark(first.bytes))
        else {
            throw damaged(1, "the first line is not \(snapshotMarker)<tab>through=…<tab>hash=…<tab>sha256=…")
        }
        var hasher = IncrementalSHA256()
        checksummedPrefix(through: marker.through, hash: marker.hash, end: marker.end).withUnsafeBytes {
            hasher.update($0)
        }
        var lines: [ArraySlice<UInt8>] = []
        var lineNumber = 1
        while let line = try reader.next() {
            lineNumber += 1
            guard line.terminated else { throw damaged(lineNumber, "the last line has no line end") }
            line.bytes.withUnsafeBytes { hasher.update($0) }
            [TSV.newline].withUnsafeBytes { hasher.update($0) }
            if lineNumber == 2 || wanted?(line.bytes) != false { lines.append(line.bytes) }
        }
        if let checksum = marker.checksum {
            let found = hasher.finalize()
            guard found == checksum else {
                throw damaged(
                    1,
                    "its checksum fails (the file's SHA-256 is \(found), it was saved as \(checksum)): it was "
                        + "changed after lixiao wrote it")
            }
        }
        guard let headerLine = lines.first else { throw damaged(2, "the header row is missing") }
        return Snapshot(
            header: TSV.fields(headerLine), rows: lines.dropFirst().map { TSV.fields($0) },
            throughSequence: marker.through, hash: marker.hash, journalOffset: marker.end)
    }

    static let snapshotMarker = "#lixiao-snapshot"

    /// What the checksum covers before the rows: the sequence, hash and (when given) journal offset of the first
    /// line.
    static func checksummedPrefix(through: Int, hash: String, end: Int?) -> [UInt8] {
        Array("through=\(through)\thash=\(hash)\(end.map { "\toffset=\($0)" } ?? "")\n".utf8)
    }

    /// The sequence, hash, journal offset and checksum of a snapshot's first line; the offset is `nil` in a
    /// snapshot of an earlier version (or one through record 0), the checksum in one older still.
    private static func parseMarker(_ line: ArraySlice<UInt8>)
        -> (through: Int, hash: String, end: Int?, checksum: String?)?
    {
        let fields = TSV.fields(line)
        guard (3...5).contains(fields.count), fields[0] == snapshotMarker, fields[1].hasPrefix("through="),
            fields[2].hasPrefix("hash="),
            let through = Int(fields[1].dropFirst("through=".count)), through >= 0
        else { return nil }
        let hash = String(fields[2].dropFirst("hash=".count))
        guard SHA256Hex.isValid(hash) else { return nil }
        var rest = fields.dropFirst(3)
        var end: Int?
        if let field = rest.first, field.hasPrefix("offset=") {
            guard let offset = Int(field.dropFirst("offset=".count)), offset > 0 else { return nil }
            end = offset
            rest = rest.dropFirst()
        }
        guard let field = rest.first else { return (through, hash, end, nil) }
        guard rest.count == 1, field.hasPrefix("sha256=") else { return nil }
        let checksum = String(field.dropFirst("sha256=".count))
        guard SHA256Hex.isValid(checksum) else { return nil }
        return (through, hash, end, checksum)
    }
}
