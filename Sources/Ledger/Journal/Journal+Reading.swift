import Glibc

extension Journal {
    /// Calls `body` with each record from `sequence` on, oldest first, reading the file as it goes.
    ///
    /// Every record read is checked again (hash, sequence, chain); a problem throws
    /// ``LedgerError/Kind/damaged(file:sequence:line:reason:)``. Errors thrown by `body` stop the reading and are
    /// rethrown. Only records appended before the call are read.
    /// Reading starts at the last checkpoint before `sequence` (the snapshot's record, an append's end, every
    /// 1,024th record of the walk that opened the journal), so reading the last few records does not read the file.
    public func forEach(from sequence: Int = 1, _ body: (JournalRecord) throws -> Void) throws {
        let start = checkpoint(atOrBefore: sequence - 1)
        var scanner = JournalScanner(
            reader: LineReader(
                fileSystem: fileSystem, descriptor: descriptor, path: path, from: start.end, limit: length),
            after: start)
        while true {
            switch try scanner.step() {
            case .end:
                return
            case .problem(let problem):
                throw LedgerError(
                    .damaged(file: path, sequence: problem.sequence, line: problem.line, reason: problem.reason))
            case .record(let line):
                guard scanner.lastSequence >= sequence else { continue }
                guard let record = JournalLine.decode(line.bytes) else {
                    throw LedgerError(
                        .damaged(
                            file: path, sequence: scanner.lastSequence, line: scanner.lastSequence + 1,
                            reason: "the record cannot be read"))
                }
                try body(record)
            }
        }
    }

    /// Reads the whole file again from the disk and checks every record's hash, the sequence and the chain.
    ///
    /// The file is opened afresh by its path. Bytes after the last good record, or a record count other than
    /// ``lastSequence``, are damage as well. Failing to read the file is reported as damage at line 0.
    public func verify() -> JournalVerification {
        let descriptor: Int32
        do {
            descriptor = try fileSystem.open(path, flags: O_RDONLY)
        } catch {
            return .damaged(sequence: 0, line: 0, reason: error.description)
        }
        defer { fileSystem.closeQuietly(descriptor) }
        // Opened for reading, the journal is what it was when opened: a round may be appending after it.
        var scanner = JournalScanner(
            reader: LineReader(
                fileSystem: fileSystem, descriptor: descriptor, path: path, limit: isReading ? length : nil))
        do {
            while true {
                switch try scanner.step() {
                case .record:
                    continue
                case .problem(let problem):
                    return .damaged(sequence: problem.sequence, line: problem.line, reason: problem.reason)
                case .end:
                    guard scanner.lastSequence == lastSequence else {
                        return .damaged(
                            sequence: scanner.lastSequence + 1, line: scanner.lastSequence + 2,
                            reason: "the file holds \(scanner.lastSequence) records, but \(lastSequence) were "
                                + "written (it was changed by another program)")
                    }
                    return .intact(records: scanner.lastSequence, lastHash: scanner.lastHashText)
                }
            }
        } catch {
            return .damaged(sequence: scanner.lastSequence + 1, line: 0, reason: error.description)
        }
    }

    /// The hash of record `sequence` (64 zeros for 0), or `nil` when the journal has no such record.
    func hash(ofRecord sequence: Int) throws(LedgerError) -> String? {
        try checkpoint(ofRecord: sequence)?.hash
    }

    /// Record `sequence` as a checkpoint (its hash and where it ends), or `nil` when the journal has no such record.
    func checkpoint(ofRecord sequence: Int) throws(LedgerError) -> Checkpoint? {
        if sequence == lastSequence { return Checkpoint(sequence: sequence, end: length, hash: lastHash) }
        guard sequence >= 0, sequence < lastSequence else { return nil }
        let start = checkpoint(atOrBefore: sequence)
        if start.sequence == sequence {
            return sequence == 0 ? Checkpoint(sequence: 0, end: 0, hash: JournalLine.zeroHash) : start
        }
        var scanner = JournalScanner(
            reader: LineReader(
                fileSystem: fileSystem, descriptor: descriptor, path: path, from: start.end, limit: length),
            after: start)
        while true {
            switch try scanner.step() {
            case .end:
                return nil
            case .problem(let problem):
                throw LedgerError(
                    .damaged(file: path, sequence: problem.sequence, line: problem.line, reason: problem.reason))
            case .record:
                if scanner.lastSequence == sequence {
                    return Checkpoint(sequence: sequence, end: scanner.end, hash: scanner.lastHashText)
                }
            }
        }
    }
}
