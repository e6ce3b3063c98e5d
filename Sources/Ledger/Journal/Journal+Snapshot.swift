import Glibc

extension Journal {
    /// The path of the batch's `snapshot.tsv`.
    public var snapshotPath: String { Path.join(folder, "snapshot.tsv") }

    /// Saves the state reached after record `throughSequence`, atomically replacing the previous snapshot.
    ///
    /// The file starts (after a byte order mark for Excel) with `#lixiao-snapshot	through=<seq>	hash=<hash>`,
    /// the hash being that journal record's, then the header row and the rows, escaped like the journal. A
    /// sequence beyond the journal's end is refused with ``LedgerError/Kind/badRequest(_:)``.
    public func writeSnapshot(header: [String], rows: [[String]], throughSequence: Int) throws(LedgerError) {
        guard let hash = try hash(ofRecord: throughSequence) else {
            throw LedgerError(
                .badRequest(
                    "cannot save a snapshot through record \(throughSequence): the journal of batch \(batch) has "
                        + "records 1 to \(lastSequence)"))
        }
        var bytes = TSV.byteOrderMark
        bytes.append(contentsOf: "\(Self.snapshotMarker)\tthrough=\(throughSequence)\thash=\(hash)\n".utf8)
        TSV.appendLine(header, to: &bytes)
        for row in rows { TSV.appendLine(row, to: &bytes) }
        try fileSystem.writeAtomically(bytes, to: snapshotPath)
    }

    /// The saved snapshot, or `nil` when there is none.
    ///
    /// A snapshot whose first line is not as ``writeSnapshot(header:rows:throughSequence:)`` writes it, or whose
    /// hash is not the hash of the journal's record of that sequence (the snapshot belongs to another journal, or
    /// the journal was rewritten), is refused with ``LedgerError/Kind/damaged(file:sequence:line:reason:)``.
    public func readSnapshot() throws(LedgerError) -> Snapshot? {
        let path = snapshotPath
        let descriptor: Int32
        do {
            descriptor = try fileSystem.open(path, flags: O_RDONLY)
        } catch let error where error.kind == .io(operation: "open", path: path, errno: ENOENT) {
            return nil
        }
        defer { fileSystem.closeQuietly(descriptor) }
        var reader = LineReader(fileSystem: fileSystem, descriptor: descriptor, path: path)
        let damaged = { (line: Int, sequence: Int, reason: String) in
            LedgerError(.damaged(file: path, sequence: sequence, line: line, reason: reason))
        }
        guard let first = try reader.next(), first.terminated,
            let (through, hash) = Self.parseMarker(TSV.droppingByteOrderMark(first.bytes))
        else {
            throw damaged(1, 0, "the first line is not \(Self.snapshotMarker)<tab>through=…<tab>hash=…")
        }
        guard let expected = try self.hash(ofRecord: through) else {
            throw damaged(
                1, through, "it was saved through record \(through), beyond the journal's last, \(lastSequence)")
        }
        guard expected == hash else {
            throw damaged(1, through, "its hash \(hash) is not the hash of journal record \(through), \(expected)")
        }
        guard let headerLine = try reader.next(), headerLine.terminated else {
            throw damaged(2, through, "the header row is missing")
        }
        var rows: [[String]] = []
        var lineNumber = 2
        while let line = try reader.next() {
            lineNumber += 1
            guard line.terminated else { throw damaged(lineNumber, through, "the last line has no line end") }
            rows.append(TSV.fields(line.bytes))
        }
        return Snapshot(header: TSV.fields(headerLine.bytes), rows: rows, throughSequence: through, hash: hash)
    }

    static let snapshotMarker = "#lixiao-snapshot"

    /// The sequence and hash of a snapshot's first line.
    private static func parseMarker(_ line: ArraySlice<UInt8>) -> (Int, String)? {
        let fields = TSV.fields(line)
        guard fields.count == 3, fields[0] == snapshotMarker, fields[1].hasPrefix("through="),
            fields[2].hasPrefix("hash="),
            let through = Int(fields[1].dropFirst("through=".count)), through >= 0
        else { return nil }
        let hash = String(fields[2].dropFirst("hash=".count))
        guard SHA256Hex.isValid(hash) else { return nil }
        return (through, hash)
    }
}
