import Glibc

extension Journal {
    /// Where a snapshot says its last record is: read from its first line only, not yet checked.
    struct Anchor: Equatable {
        var sequence: Int
        var hash: String
        /// The file offset just past the record; `nil` in a snapshot of an earlier version.
        var end: Int?
    }

    /// The record a snapshot file says it was saved through, read from its first line only; `nil` when there is
    /// no snapshot or its first line is not lixiao's.
    static func snapshotAnchor(_ path: String) -> Anchor? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard line.contains(snapshotMarker) else { return nil }
        func value(_ name: String) -> Substring? {
            guard let range = line.range(of: "\t" + name + "=") else { return nil }
            return line[range.upperBound...].prefix { !$0.isWhitespace }
        }
        guard let sequence = value("through").flatMap({ Int($0) }) else { return nil }
        return Anchor(
            sequence: sequence, hash: value("hash").map(String.init) ?? "", end: value("offset").flatMap { Int($0) })
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
        var checkpoints: [Checkpoint] = [.start]
    }

    /// Checks every record of an open journal and cuts off a torn tail.
    ///
    /// A torn tail is whatever follows the last good record when no whole record follows it: a last line
    /// without its `\n`, a last record whose hash fails, or garbage such as the NUL bytes a crash can leave. It
    /// is cut off (`ftruncate`, then `fsync`) and described in the result. A bad record followed by a whole
    /// record, a broken chain or a wrong sequence number is damage in the middle of the journal, which no crash
    /// of ours can cause: that refuses with ``LedgerError/Kind/damaged(file:sequence:line:reason:)``.
    ///
    /// `anchor` is the record the batch's snapshot was saved through: every record up to it was acknowledged long
    /// ago, so a "torn" record at or before it is damage, never a tail to drop. When the snapshot says where that
    /// record ends and the record there is the one it names (sequence and hash, its own hash intact), only the
    /// records after it are read; otherwise the whole file is.
    /// How far a journal opened for reading is read.
    enum Reading {
        /// To the record the snapshot was saved through, when it is there as the snapshot says.
        case throughAnchor
        /// To the last whole record.
        case toTheEnd
    }

    /// `reading` (for a journal opened for reading only) changes nothing in the file: a torn tail is not cut but
    /// left out, and with ``Reading/throughAnchor`` nothing after the anchor's record is read.
    static func recover(
        descriptor: Int32, path: String, fileSystem: FileSystem, anchor: Anchor? = nil, reading: Reading? = nil
    ) throws(LedgerError) -> Recovered {
        let size = try fileSystem.status(descriptor, path: path).size
        if size == 0, reading != nil {
            throw LedgerError(
                .damaged(file: path, sequence: 0, line: 1, reason: "the file is empty: it has no header line"))
        }
        if size == 0 {
            // Only a journal created by other means can be empty; ours start with their header, atomically.
            try fileSystem.writeAll(JournalLine.header + [TSV.newline], to: descriptor, at: 0, path: path)
            try fileSystem.sync(descriptor, path: path)
            return Recovered(end: JournalLine.header.count + 1, lastSequence: 0, lastHash: JournalLine.zeroHash)
        }
        let committedThrough = anchor?.sequence
        var checkpoints: [Checkpoint] = [.start]
        if let anchor {
            checkpoints += try checkedAnchor(
                anchor, descriptor: descriptor, path: path, size: size, fileSystem: fileSystem)
        }
        let start = checkpoints[checkpoints.count - 1]
        if reading == .throughAnchor, start.sequence > 0 {
            return Recovered(
                end: start.end, lastSequence: start.sequence, lastHash: start.hash, checkpoints: checkpoints)
        }
        var scanner = JournalScanner(
            reader: LineReader(fileSystem: fileSystem, descriptor: descriptor, path: path, from: start.end),
            after: start)
        var found: JournalScanner.Problem?
        scanning: while true {
            switch try scanner.step() {
            case .record:
                if scanner.lastSequence % Checkpoint.spacing == 0 {
                    checkpoints.append(
                        Checkpoint(sequence: scanner.lastSequence, end: scanner.end, hash: scanner.lastHashText))
                }
            case .end: break scanning
            case .problem(let problem):
                found = problem
                break scanning
            }
        }
        var recovered = Recovered(
            end: scanner.end, lastSequence: scanner.lastSequence, lastHash: scanner.lastHashText)
        if checkpoints.last?.sequence != scanner.lastSequence {
            checkpoints.append(
                Checkpoint(sequence: scanner.lastSequence, end: scanner.end, hash: scanner.lastHashText))
        }
        recovered.checkpoints = checkpoints
        guard let problem = found else { return recovered }
        var inTheMiddle = problem.isWholeRecord || problem.line == 1
        if !inTheMiddle { inTheMiddle = try scanner.wholeRecordFollows() }
        if inTheMiddle {
            throw LedgerError(
                .damaged(file: path, sequence: problem.sequence, line: problem.line, reason: problem.reason))
        }
        if reading != nil {
            // A record being appended right now, or the remains of a crash the next writer cuts: left out.
            return recovered
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

    /// The anchor's record and the one before it as checkpoints, when the journal holds, ending exactly at the
    /// anchor's offset, a whole record with the anchor's sequence and hash; none when it does not (the caller then
    /// reads the whole file).
    private static func checkedAnchor(
        _ anchor: Anchor, descriptor: Int32, path: String, size: Int, fileSystem: FileSystem
    ) throws(LedgerError) -> [Checkpoint] {
        guard let end = anchor.end, anchor.sequence > 1, end > 1, end <= size, SHA256Hex.isValid(anchor.hash)
        else { return [] }
        // The record is the line that ends at `end`: read back far enough to find the line end before it.
        var window = 4096
        while true {
            let from = max(0, end - window)
            var bytes = [UInt8](repeating: 0, count: end - from)
            var filled = 0
            while filled < bytes.count {
                let result = bytes.withUnsafeMutableBytes { raw in
                    Result { () throws(LedgerError) in
                        try fileSystem.read(
                            descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]),
                            at: from + filled, path: path)
                    }
                }
                let count = try result.get()
                guard count > 0 else { return [] }
                filled += count
            }
            guard bytes.last == TSV.newline else { return [] }
            let body = bytes.dropLast()
            if let newline = body.lastIndex(of: TSV.newline) {
                let line = body[(newline + 1)...]
                guard let record = JournalLine.inspect(line), record.sequence == anchor.sequence,
                    TSV.equal(record.hash, ArraySlice(anchor.hash.utf8))
                else { return [] }
                return [
                    Checkpoint(
                        sequence: anchor.sequence - 1, end: from + newline + 1,
                        hash: String(decoding: record.previousHash, as: UTF8.self)),
                    Checkpoint(sequence: anchor.sequence, end: end, hash: anchor.hash),
                ]
            }
            // A record longer than the window: read further back, up to the whole file.
            guard from > 0 else { return [] }
            window *= 4
        }
    }
}
