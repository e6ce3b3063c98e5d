import Glibc

extension Journal {
    /// The record a snapshot file says it was saved through, read from its first line only; `nil` when there is
    /// no snapshot or its first line is not lixiao's.
    static func snapshotThrough(_ path: String) -> Int? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard line.contains("#lixiao-snapshot"), let range = line.range(of: "through=") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// Refuses a journal whose last record comes before the one the snapshot was saved through.
    ///
    /// The snapshot's first line alone says how far it was saved; before trusting it, its checksum is checked, so
    /// a damaged snapshot is reported as such and not as missing records.
    static func refuseShort(
        path: String, batch: String, lastSequence: Int, committedThrough: Int?, snapshot: String,
        fileSystem: FileSystem
    ) throws(LedgerError) {
        guard let committed = committedThrough, committed > lastSequence else { return }
        let checked = try readCheckedSnapshot(at: snapshot, fileSystem: fileSystem)
        let shown = checked?.throughSequence ?? committed
        guard shown > lastSequence else { return }
        throw LedgerError(
            .recordsMissing(
                journal: path, batch: batch, lastSequence: lastSequence, shownSequence: shown, shownBy: snapshot))
    }

    /// Where a journal's good records end, and what was cut off after them.
    struct Recovered {
        var end: Int
        var lastSequence: Int
        var lastHash: String
        var tail: TornTail?
    }

    /// Checks every record of an open journal and cuts off a torn tail.
    ///
    /// A torn tail is whatever follows the last good record when no whole record follows it: a last line
    /// without its `\n`, a last record whose hash fails, or garbage such as the NUL bytes a crash can leave. It
    /// is cut off (`ftruncate`, then `fsync`) and described in the result. A bad record followed by a whole
    /// record, a broken chain or a wrong sequence number is damage in the middle of the journal, which no crash
    /// of ours can cause: that refuses with ``LedgerError/Kind/damaged(file:sequence:line:reason:)``.
    ///
    /// `committedThrough` is the record the batch's snapshot was saved through: every record up to it was
    /// acknowledged long ago, so a "torn" record at or before it is damage, never a tail to drop.
    static func recover(descriptor: Int32, path: String, fileSystem: FileSystem, committedThrough: Int? = nil)
        throws(LedgerError) -> Recovered
    {
        let size = try fileSystem.status(descriptor, path: path).size
        if size == 0 {
            // Only a journal created by other means can be empty; ours start with their header, atomically.
            try fileSystem.writeAll(JournalLine.header + [TSV.newline], to: descriptor, at: 0, path: path)
            try fileSystem.sync(descriptor, path: path)
            return Recovered(end: JournalLine.header.count + 1, lastSequence: 0, lastHash: JournalLine.zeroHash)
        }
        var scanner = JournalScanner(
            reader: LineReader(fileSystem: fileSystem, descriptor: descriptor, path: path))
        var found: JournalScanner.Problem?
        scanning: while true {
            switch try scanner.step() {
            case .record: continue
            case .end: break scanning
            case .problem(let problem):
                found = problem
                break scanning
            }
        }
        var recovered = Recovered(
            end: scanner.end, lastSequence: scanner.lastSequence, lastHash: scanner.lastHashText)
        guard let problem = found else { return recovered }
        var inTheMiddle = problem.isWholeRecord || problem.line == 1
        if !inTheMiddle { inTheMiddle = try scanner.wholeRecordFollows() }
        if inTheMiddle {
            throw LedgerError(
                .damaged(file: path, sequence: problem.sequence, line: problem.line, reason: problem.reason))
        }
        if let committed = committedThrough, scanner.lastSequence < committed {
            throw LedgerError(
                .damaged(
                    file: path, sequence: scanner.lastSequence + 1, line: problem.line,
                    reason: "\(problem.reason); the snapshot shows records through \(committed) were committed, so "
                        + "this is damage, not a torn write, and no record is dropped"))
        }
        let dropped = size - scanner.end
        try fileSystem.truncate(descriptor, to: scanner.end, path: path)
        try fileSystem.sync(descriptor, path: path)
        recovered.tail = TornTail(
            droppedBytes: dropped,
            reason: "line \(problem.line) and after (\(dropped) bytes) dropped: \(problem.reason)")
        return recovered
    }
}
