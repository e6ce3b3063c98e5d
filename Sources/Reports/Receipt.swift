/// What happened to one dropped file, as its receipt (回执) tells the person who dropped it.
public struct Receipt: Sendable, Hashable {
    public var fileName: String
    /// The inbox folder it came from, relative to `inbox/` (e.g. `registry`, `colleges/文学院/roster`).
    public var folder: String
    public var sha256: String
    /// When it was processed, in local time for staff (`2027-06-01 09:30:12`).
    public var processedAt: String
    public var outcome: Outcome
    /// Summary lines in order, such as ("新增人员", 1200).
    public var counts: [Count]
    /// Further notes for the summary sheet, such as unrecognised columns.
    public var notes: [String]
    public var rows: [RowOutcome]

    public init(
        fileName: String, folder: String, sha256: String, processedAt: String, outcome: Outcome,
        counts: [Count] = [], notes: [String] = [], rows: [RowOutcome] = []
    ) {
        self.fileName = fileName
        self.folder = folder
        self.sha256 = sha256
        self.processedAt = processedAt
        self.outcome = outcome
        self.counts = counts
        self.notes = notes
        self.rows = rows
    }

    public enum Outcome: Sendable, Hashable {
        /// Read and applied (row errors, if any, are listed per row).
        case processed
        /// Refused whole; nothing applied. The reason is in Chinese.
        case rejected(reason: String)
        /// The same bytes were processed before from this folder; nothing applied this time.
        case duplicate(firstProcessedAt: String, firstName: String)
    }

    public struct Count: Sendable, Hashable {
        public var label: String
        public var value: Int

        public init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// One data row's outcome, with the row number staff see in their file.
    public struct RowOutcome: Sendable, Hashable {
        public var row: Int
        public var id: String
        public var name: String
        public var result: RowResult
        public var detail: String

        public init(row: Int, id: String, name: String, result: RowResult, detail: String = "") {
            self.row = row
            self.id = id
            self.name = name
            self.result = result
            self.detail = detail
        }
    }

    public enum RowResult: String, Sendable, Hashable, CaseIterable {
        case added, updated, unchanged, applied, conflict, error, notDeparting
        /// A person an issuance range covers who does not meet the conditions yet: not issued, and no error.
        case notEligible
        /// Applied from a file that names no export, over a value another file had set (named in the detail).
        case overwritten
        /// Moved into this batch from another one (the registry or a roster now names this batch).
        case moved
        /// Withdrawn from the batch (撤销离校): by this file, or earlier by their college and still so.
        case withdrawn
        /// Re-added after a withdrawal: departing in the batch again.
        case restored

        /// The English words the terminal uses for a count of rows with this result (`lixiao run`'s lines).
        public var term: String {
            switch self {
            case .added: "added"
            case .updated: "updated"
            case .unchanged: "unchanged"
            case .applied: "applied"
            case .conflict: "conflicts (not applied)"
            case .error: "errors (not applied)"
            case .notDeparting: "not departing"
            case .notEligible: "not eligible yet"
            case .overwritten: "overwrote another file's value"
            case .moved: "moved between batches"
            case .withdrawn: "withdrawn"
            case .restored: "restored"
            }
        }

        /// The word staff read in the receipt.
        public var label: String {
            switch self {
            case .added: "新增"
            case .updated: "更新"
            case .unchanged: "未变化"
            case .applied: "已应用"
            case .conflict: "冲突"
            case .error: "错误"
            case .notDeparting: "非本批离校"
            case .notEligible: "未满足条件"
            case .overwritten: "覆盖"
            case .moved: "转批次"
            case .withdrawn: "已撤销"
            case .restored: "恢复离校"
            }
        }
    }
}
