extension Journal {
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
    static func recover(descriptor: Int32, path: String, fileSystem: FileSystem) throws(LedgerError) -> Recovered {
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
        let dropped = size - scanner.end
        try fileSystem.truncate(descriptor, to: scanner.end, path: path)
        try fileSystem.sync(descriptor, path: path)
        recovered.tail = TornTail(
            droppedBytes: dropped,
            reason: "line \(problem.line) and after (\(dropped) bytes) dropped: \(problem.reason)")
        return recovered
    }
}
