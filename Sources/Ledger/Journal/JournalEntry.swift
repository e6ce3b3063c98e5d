/// One change as a caller appends it to a journal: who, from which file and row, to whom, what, when.
///
/// The ledger gives the fields no meaning; it stores them as text and returns them exactly. Any text is allowed,
/// tabs and line breaks included (they are escaped in the file).
public struct JournalEntry: Sendable, Hashable {
    /// When the change was accepted, as ``Timestamp/utc(_:)`` writes it; supplied by the caller.
    public var time: String
    /// The folder or role the change came from, such as `registry` or `colleges/计算机学院/roster`.
    public var actor: String
    /// The SHA-256 (64 hex digits) of the source file, or empty.
    public var source: String
    /// The row of the source file the change came from, when it came from a row.
    public var row: Int?
    /// The person changed (学工号), or empty.
    public var person: String
    /// What kind of change, such as `add`, `profile`, `status`, `issue` or `file`.
    public var kind: String
    /// Which field changed.
    public var field: String
    /// The value before.
    public var oldValue: String
    /// The value after.
    public var newValue: String
    /// A free-text remark.
    public var remark: String
    /// What is kept of `oldValue` and `newValue` when the record's personal payload (`oldValue`, `newValue`,
    /// `remark`) is purged: the caller decides, when it appends, what may outlive the person's data.
    public var kept = Kept()

    /// The values of a record that outlive a purge of its payload.
    public struct Kept: Sendable, Hashable {
        public var old: String
        public var new: String

        public init(old: String = "", new: String = "") {
            self.old = old
            self.new = new
        }
    }

    /// An entry; every field but `time` may be left out.
    public init(
        time: String, actor: String = "", source: String = "", row: Int? = nil, person: String = "",
        kind: String = "", field: String = "", oldValue: String = "", newValue: String = "", remark: String = ""
    ) {
        self.time = time
        self.actor = actor
        self.source = source
        self.row = row
        self.person = person
        self.kind = kind
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.remark = remark
    }
}

/// An entry as the journal holds it: numbered and chained to the record before it.
public struct JournalRecord: Sendable, Hashable {
    /// The record's number: consecutive from 1 in each batch's journal.
    public var sequence: Int
    /// What the caller appended.
    public var entry: JournalEntry
    /// The hash of the record before (64 zeros for the first).
    public var previousHash: String
    /// Whether the record's personal payload has been purged: `entry` then holds the kept values as
    /// `oldValue` and `newValue`, and an empty remark.
    public var isPurged = false
    /// The SHA-256 of the record's line up to and including the tab before this field, so it covers
    /// `previousHash` too.
    public var hash: String

    /// A record; the journal makes these, callers only read them.
    public init(sequence: Int, entry: JournalEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// What checking a whole journal file found.
public enum JournalVerification: Sendable, Equatable {
    /// Every record's hash and the chain are right; `lastHash` is 64 zeros for an empty journal.
    case intact(records: Int, lastHash: String)
    /// The first problem found; `line` counts from 1, the header being line 1.
    case damaged(sequence: Int, line: Int, reason: String)
}

/// What opening a journal cut off its end: the remains of a write a crash interrupted.
public struct TornTail: Sendable, Equatable {
    /// How many bytes were removed from the end of the file.
    public var droppedBytes: Int
    /// What was wrong with them, naming the line.
    public var reason: String

    /// A description of a dropped tail.
    public init(droppedBytes: Int, reason: String) {
        self.droppedBytes = droppedBytes
        self.reason = reason
    }
}

/// The state a caller saved beside the journal, and the journal record it reflects.
public struct Snapshot: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The rows, each as the caller wrote it.
    public var rows: [[String]]
    /// The last journal record the state includes (0: none).
    public var throughSequence: Int
    /// That record's hash, checked against the journal when the snapshot is read.
    public var hash: String
    /// Where that record ends in the journal, when the snapshot says (an earlier version's does not).
    public var journalOffset: Int?

    /// A snapshot as read from the file.
    public init(header: [String], rows: [[String]], throughSequence: Int, hash: String, journalOffset: Int? = nil) {
        self.header = header
        self.rows = rows
        self.throughSequence = throughSequence
        self.hash = hash
        self.journalOffset = journalOffset
    }
}
