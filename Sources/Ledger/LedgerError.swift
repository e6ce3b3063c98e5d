import Glibc

/// Why the ledger refused or failed to do something.
///
/// Every failure of the ledger is one of these: system-call failures are mapped once, in
/// ``init(errno:operation:path:)``, so a full disk is always ``Kind/noSpace(path:)`` whatever call met it.
/// ``description`` is a complete English sentence naming the file, fit for a log or a terminal.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// Another process holds the ledger's lock; `pid` is the one it wrote into the lock file, when readable.
        case locked(root: String, pid: Int32?)
        /// The disk (or the user's quota) is full (`ENOSPC`, `EDQUOT`).
        case noSpace(path: String)
        /// The file would exceed the process's file-size limit (`EFBIG`, as `ulimit -f` causes).
        case fileTooLarge(path: String)
        /// Any other failed system call, with the C function's name and its `errno`.
        case io(operation: String, path: String, errno: Int32)
        /// A ledger file is not as the ledger wrote it; `line` counts from 1, the header being line 1.
        case damaged(file: String, sequence: Int, line: Int, reason: String)
        /// A batch name, file name or SHA-256 that cannot name a file in the ledger.
        case badName(String)
        /// A caller's request the ledger cannot honour, such as a snapshot beyond the journal's end.
        case badRequest(String)
        /// A file given to the archive does not have the SHA-256 it was announced with (it changed meanwhile).
        case sourceChanged(path: String, expected: String, found: String)
        /// The journal ends at `lastSequence`, but `shownBy` (the snapshot, the outputs record…) shows records
        /// through `shownSequence`: the records after the journal's end were lost.
        case recordsMissing(journal: String, batch: String, lastSequence: Int, shownSequence: Int, shownBy: String)
        /// A snapshot is not as the ledger wrote it (its checksum fails, a line is cut, a row cannot be read);
        /// deleting it makes the ledger rebuild it from the journal. `line` is 0 when no one line is to blame.
        case snapshotDamaged(file: String, line: Int, reason: String)
        /// The ledger's folder is missing, though `evidence` shows a season ran there.
        case ledgerMissing(path: String, evidence: String)
        /// A batch's folder in the ledger is missing, though `evidence` shows the batch had records.
        case batchMissing(path: String, batch: String, evidence: String)
        /// A state file beside the journal (the registry reference, the notices or outputs record) cannot be read
        /// as the ledger wrote it.
        case stateDamaged(file: String, line: Int, reason: String)
    }

    /// What went wrong.
    public var kind: Kind

    /// Makes an error of `kind`.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// Maps a failed system call: the one place where an `errno` becomes a ledger error.
    init(errno code: Int32, operation: String, path: String) {
        switch code {
        case ENOSPC, EDQUOT: kind = .noSpace(path: path)
        case EFBIG: kind = .fileTooLarge(path: path)
        default: kind = .io(operation: operation, path: path, errno: code)
        }
    }

    /// The same error naming `path` where it named `standIn` (a temporary file standing in for `path`).
    func naming(_ path: String, insteadOf standIn: String) -> LedgerError {
        switch kind {
        case .noSpace(standIn): LedgerError(.noSpace(path: path))
        case .fileTooLarge(standIn): LedgerError(.fileTooLarge(path: path))
        case .io(let operation, standIn, let code): LedgerError(.io(operation: operation, path: path, errno: code))
        default: self
        }
    }

    /// A clear English sentence naming the file and what to do.
    public var description: String {
        switch kind {
        case .locked(let root, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "ledger \(root) is in use by \(holder); only one lixiao may run on a ledger"
        case .noSpace(let path):
            return "no space left on the disk for \(path); free some space, the ledger was left as it was"
        case .fileTooLarge(let path):
            return "\(path) would exceed the file-size limit of this process (ulimit -f); the ledger was left as it was"
        case .io(let operation, let path, let code):
            return "\(operation) failed for \(path): \(Self.message(for: code)) (errno \(code))"
        case .damaged(let file, let sequence, let line, let reason):
            let record = sequence > 0 ? " (record \(sequence))" : ""
            return "ledger file \(file) is damaged at line \(line)\(record): \(reason); "
                + "restore it from a backup or repair it by hand before running again"
        case .badName(let name):
            return "\(name.debugDescription) cannot name a file in the ledger"
        case .badRequest(let reason):
            return reason
        case .sourceChanged(let path, let expected, let found):
            return "\(path) changed while it was being archived: its SHA-256 is \(found), not \(expected)"
        case .recordsMissing(let journal, let batch, let last, let shown, let shownBy):
            let (first, end) = (Self.number(last + 1), Self.number(shown))
            let range = last + 1 == shown ? "record \(end) is" : "records \(first)–\(end) are"
            return
                "journal of \(batch) ends at record \(Self.number(last)) but \(shownBy) shows \(Self.number(shown)): "
                + "\(range) missing; restore \(journal) from a backup (nothing was changed)"
        case .snapshotDamaged(let file, let line, let reason):
            let at = line > 0 ? " at line \(line)" : ""
            return "snapshot \(file) is damaged\(at): \(reason); delete it and lixiao rebuilds it from the journal "
                + "(nothing was changed)"
        case .ledgerMissing(let path, let evidence):
            return "the ledger folder \(path) is missing, but \(evidence), so a season was run here: restore \(path) "
                + "from a backup; only `lixiao init` creates a fresh, empty ledger (nothing was changed)"
        case .batchMissing(let path, let batch, let evidence):
            return "the ledger folder of batch \(batch), \(path), is missing, but \(evidence), so the batch had "
                + "records: restore \(path) from a backup (nothing was changed)"
        case .stateDamaged(let file, let line, let reason):
            let at = line > 0 ? " at line \(line)" : ""
            return "ledger file \(file) cannot be read\(at): \(reason); restore it from a backup or repair it by hand "
                + "before running again (nothing was changed)"
        }
    }

    /// A count with thousands separators, as staff read record numbers: 3,303.
    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// The C library's text for an `errno` value.
    ///
    /// The corresponding C function is `strerror`.
    static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
