/// Walks a journal file from its header, checking each record's hash, its sequence number and the chain.
///
/// Read errors are thrown; what is wrong with the file's content is returned as a ``Problem``, so each caller
/// decides what it means: opening cuts a torn tail, ``Journal/verify()`` reports, reading refuses.
struct JournalScanner {
    /// The first thing wrong with the file.
    struct Problem: Sendable, Equatable {
        /// The line, counting the header as line 1.
        var line: Int
        /// The sequence number the record on that line should have had.
        var sequence: Int
        var reason: String
        /// Whether the line is a whole record, ended and with a hash that matches its content (no torn write made it).
        var isWholeRecord: Bool
    }

    /// What one step found.
    enum Step {
        /// A record that fits the chain; the scanner's `lastSequence`, `lastHash` and `end` now include it.
        case record(LineReader.Line)
        /// The end of the file (or of the reader's limit), right after the last good record.
        case end
        case problem(Problem)
    }

    private(set) var reader: LineReader
    private(set) var lastSequence = 0
    private(set) var lastHash: ArraySlice<UInt8> = ArraySlice(JournalLine.zeroHash.utf8)
    /// The file offset just past the header or the last good record.
    private(set) var end = 0
    private var lineNumber = 0
    /// The format the header names; `nil` until it is read (a scanner started after a checkpoint takes each line's).
    private(set) var format: JournalLine.Format?

    init(reader: LineReader) {
        self.reader = reader
    }

    /// A scanner that goes on after a known good record: `reader` starts at `checkpoint.end`, and the first line it
    /// reads must be record `checkpoint.sequence + 1`, chained to `checkpoint.hash`. A checkpoint at sequence 0 must
    /// be the file's start, so that the header is checked.
    init(reader: LineReader, after checkpoint: Journal.Checkpoint) {
        self.reader = reader
        guard checkpoint.sequence > 0 else { return }
        lastSequence = checkpoint.sequence
        lastHash = ArraySlice(checkpoint.hash.utf8)
        end = checkpoint.end
        lineNumber = checkpoint.sequence + 1
    }

    /// The next record, the end, or the first problem; call no more after `.end` or `.problem`.
    mutating func step() throws(LedgerError) -> Step {
        guard let line = try reader.next() else {
            if lineNumber == 0 { return .problem(problem("the file is empty: it has no header line")) }
            return .end
        }
        lineNumber += 1
        if lineNumber == 1 {
            guard line.terminated,
                let format = [JournalLine.Format.two, .one].first(where: { TSV.equal(line.bytes, $0.header[...]) })
            else {
                return .problem(problem("the first line is not the journal's header"))
            }
            self.format = format
            end = line.end
            return try step()
        }
        let expected = lastSequence + 1
        guard line.terminated else {
            return .problem(
                problem("the last line has no line end (a write was cut short)", whole: false))
        }
        guard let record = JournalLine.inspect(line.bytes) else {
            return .problem(
                problem(
                    "its hash does not match its content (the line was changed or only partly written)", whole: false))
        }
        if let format, record.format != format {
            return .problem(problem("the record is not in the format the header names", whole: true))
        }
        guard record.sequence == expected else {
            let found = record.sequence.map(String.init) ?? "no number"
            return .problem(problem("expected record \(expected), found \(found)", whole: true))
        }
        guard TSV.equal(record.previousHash, lastHash) else {
            return .problem(
                problem(
                    "its previous-record hash does not match record \(lastSequence) (the chain is broken)", whole: true)
            )
        }
        lastSequence = expected
        lastHash = record.hash
        end = line.end
        return .record(line)
    }

    /// Reads the rest of the file and says whether any later line is a whole record, which shows the problem
    /// found is not the remains of an interrupted last write but damage in the middle of the journal.
    mutating func wholeRecordFollows() throws(LedgerError) -> Bool {
        while let line = try reader.next() {
            if line.terminated, JournalLine.inspect(line.bytes) != nil { return true }
        }
        return false
    }

    /// The hash of the last good record as text.
    var lastHashText: String { String(decoding: lastHash, as: UTF8.self) }

    private func problem(_ reason: String, whole: Bool = true) -> Problem {
        Problem(
            line: max(lineNumber, 1), sequence: lineNumber <= 1 ? 0 : lastSequence + 1, reason: reason,
            isWholeRecord: whole)
    }
}
