public import Clearance
public import Ledger
import Reports

/// Whether a batch is closed: after its deadline, `lixiao close-batch` closes it, and every change a dropped file
/// would make to its people is refused (the receipt says when and why it was closed) until the same command
/// reopens it. Closing is also the first step of letting the batch's personal data go (`lixiao purge`).
///
/// Kept as `ledger/<batch>/closure.tsv`: a header, then one line per closing or reopening — local time, 关闭 or
/// 重新开放, who, why — the last line saying how the batch stands. The file is rewritten whole and atomically
/// under the ledger's lock; a missing file is a batch never closed, one that cannot be read or decoded is an
/// error (a closed batch must never read as open).
public struct BatchClosure: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        /// The local time, as receipts show times (`2027-07-11 09:30:00`).
        public var time: String
        public var closes: Bool
        /// Who ran the command (the login name, or the uid).
        public var by: String
        public var reason: String
    }

    public private(set) var events: [Event] = []

    /// A batch never closed.
    public init() {}
    public var isClosed: Bool { events.last?.closes == true }
    /// The closing that stands, when the batch is closed.
    public var standing: Event? { isClosed ? events.last : nil }

    static let fileName = "closure.tsv"
    static let header = ["时间", "操作", "操作人", "原因"]
    static let closeText = "关闭"
    static let reopenText = "重新开放"

    static func path(_ workspace: Workspace, batch: Batch) -> String {
        workspace.ledger + "/" + batch.id + "/" + fileName
    }

    /// Reads the batch's closure file; no file is a batch never closed.
    static func read(_ batch: Batch, workspace: Workspace, store: LedgerStore) throws(LedgerError) -> BatchClosure {
        let path = path(workspace, batch: batch)
        var closure = BatchClosure()
        for (number, fields) in try StateFile.lines(path, store: store) {
            var fields = fields
            if number == 1, let first = fields.first { fields[0] = String(first.trimmingPrefix("\u{FEFF}")) }
            if number == 1, fields == header { continue }
            guard fields.count == header.count, fields[1] == closeText || fields[1] == reopenText else {
                throw LedgerError(
                    .stateDamaged(file: path, line: number, reason: "the line is not a closing or a reopening"))
            }
            closure.events.append(
                Event(time: fields[0], closes: fields[1] == closeText, by: fields[2], reason: fields[3]))
        }
        return closure
    }

    /// Adds an event and writes the file atomically.
    mutating func record(_ event: Event, batch: Batch, workspace: Workspace, store: LedgerStore) throws(LedgerError) {
        events.append(event)
        var text = "\u{FEFF}" + LedgerText.line(Self.header)
        for event in events {
            text += LedgerText.line([
                event.time, event.closes ? Self.closeText : Self.reopenText, event.by, event.reason,
            ])
        }
        try store.writeAtomically(Array(text.utf8), to: Self.path(workspace, batch: batch))
    }

    /// Takes out of `changes` every change of each person who has one in a closed batch — all of that person's
    /// changes, in every batch, so that a move into or out of a closed batch is refused whole — and turns each of
    /// their row outcomes that is not already an error into an error saying when and why the batch was closed.
    /// Returns the people refused.
    static func refuse(
        _ changes: inout [String: [(change: Change, row: Int?)]], rows: inout [Receipt.RowOutcome],
        closures: [String: BatchClosure], university: University
    ) -> Set<PersonID> {
        var refused: [PersonID: String] = [:]
        for batch in university.batches {
            guard let closure = closures[batch.id], closure.isClosed, let planned = changes[batch.id] else { continue }
            for (change, _) in planned where refused[change.person] == nil {
                refused[change.person] = closure.refusal(batch)
            }
        }
        guard !refused.isEmpty else { return [] }
        for batch in changes.keys {
            changes[batch]?.removeAll { refused[$0.change.person] != nil }
            if changes[batch]?.isEmpty == true { changes[batch] = nil }
        }
        for index in rows.indices where rows[index].result != .error {
            guard let reason = refused[PersonID(rows[index].id)] else { continue }
            rows[index].result = .error
            rows[index].detail = reason
        }
        return Set(refused.keys)
    }

    /// What a receipt says for a row (or a whole file) whose changes fall in this closed batch.
    func refusal(_ batch: Batch) -> String {
        guard let standing else { return "" }
        let reason = standing.reason.isEmpty ? "" : "（\(standing.reason)）"
        return "「\(batch.name)」已于 \(standing.time) 关闭\(reason)，不再接受更改；如确需更改，请联系管理员重新开放该批次"
    }
}

extension LedgerSession {
    /// What ``close(_:closes:reason:by:clock:beforeDeadline:)`` did.
    public enum Closing: Sendable, Equatable {
        /// The batch now stands as asked; the event recorded.
        case recorded(BatchClosure.Event)
        /// It already stood so: nothing was written. The standing closing, when it is closed.
        case already(BatchClosure.Event?)
        /// Closing was refused: the batch's deadline (not yet past) is this day.
        case beforeDeadline(Day)
        /// Reopening was refused: the batch's personal data was purged at this local time.
        case purged(String)
    }

    /// Closes (or, with `closes` false, reopens) `batch` under the ledger's lock this session holds.
    ///
    /// A batch is closed after its deadline; `beforeDeadline` allows it earlier. Closing a closed batch or
    /// reopening an open one writes nothing.
    public func close(
        _ batch: Batch, closes: Bool, reason: String, by: String, clock: RunClock, beforeDeadline: Bool
    ) throws(LedgerError) -> Closing {
        let closure = try closures()[batch.id] ?? BatchClosure()
        guard closure.isClosed != closes else { return .already(closure.standing) }
        if !closes, let time = try purges()[batch.id] { return .purged(time) }
        if closes, !beforeDeadline, clock.today() <= batch.deadline { return .beforeDeadline(batch.deadline) }
        let event = BatchClosure.Event(time: clock.localText(), closes: closes, by: by, reason: reason)
        _ = try setClosed(closes, batch: batch, by: by, reason: reason, time: event.time)
        return .recorded(event)
    }
}
