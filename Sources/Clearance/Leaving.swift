/// A move of a person from one batch to another (the registrar's export, or a college's roster, now names another
/// batch for them).
///
/// Both batches journal it. The batch left keeps the person's record, with its statuses, for history: the record
/// now points at the new batch and is no longer a member (转出). The batch joined records where they came from (转入).
public struct Transfer: Sendable, Hashable {
    /// The batch id moved from.
    public var from: String
    /// The batch id moved to.
    public var to: String
    /// When, as stored in the ledger (UTC with offset).
    public var time: String
    /// The inbox folder whose file made the move (`registry`, `colleges/<学院>/roster`).
    public var actor: String
    /// The SHA-256 of that file.
    public var source: String

    public init(from: String, to: String, time: String, actor: String, source: String) {
        self.from = from
        self.to = to
        self.time = time
        self.actor = actor
        self.source = source
    }
}

/// A college's withdrawal (撤销离校) of one of its people from a batch, with the reason it gave.
///
/// A withdrawn person keeps their record (statuses, remarks) but is no longer a member: they leave every list,
/// export, statistic and notice of the batch. Re-adding them (a roster row, or the registrar putting them in the
/// batch again) restores them with what was recorded before.
public struct Withdrawal: Sendable, Hashable {
    /// When, as stored in the ledger (UTC with offset).
    public var time: String
    /// The inbox folder whose file withdrew the person (`colleges/<学院>/roster`).
    public var actor: String
    /// The SHA-256 of that file.
    public var source: String
    /// 撤销原因, as the college wrote it.
    public var reason: String

    public init(time: String, actor: String, source: String, reason: String) {
        self.time = time
        self.actor = actor
        self.source = source
        self.reason = reason
    }
}

/// Whether a person recorded in a batch departs in it now, and if not, why.
public enum Membership: Sendable, Hashable {
    /// Departing in this batch.
    case member
    /// Moved to another batch (`transfer.to`); the record stays here for history.
    case movedOut(Transfer)
    /// Withdrawn by their college.
    case withdrawn(Withdrawal)
}

extension PersonRecord {
    /// Whether the person departs in `batch` now, or why not.
    ///
    /// A withdrawal is reported before a move: a person withdrawn here and later placed in another batch by the
    /// registrar is, for this batch, withdrawn.
    public func membership(in batch: String) -> Membership {
        if let withdrawal { return .withdrawn(withdrawal) }
        if person.batch != batch {
            return .movedOut(transfer ?? Transfer(from: batch, to: person.batch, time: "", actor: "", source: ""))
        }
        return .member
    }

    /// Whether the person departs in `batch` now: placed there and not withdrawn.
    public func isMember(of batch: String) -> Bool {
        withdrawal == nil && person.batch == batch
    }

    /// The move that brought the person into `batch` from another one (转入), if the last move recorded here
    /// ended in `batch`.
    public func movedIn(to batch: String) -> Transfer? {
        guard let transfer, transfer.to == batch, person.batch == batch, transfer.from != batch else { return nil }
        return transfer
    }
}
