/// Everything known about one batch: its people, their item states, their issuance.
///
/// State changes only through `apply(_:)`, so replaying the journal's changes in order rebuilds it exactly.
public struct BatchState: Sendable, Hashable {
    public let batch: Batch
    public private(set) var records: [PersonID: PersonRecord] = [:]
    /// The IDs added in ascending order (as a snapshot or a sorted registry adds them), and the others, unsorted:
    /// so the ID order every list is built in costs a sort only of the few added out of order.
    private var orderedIDs: [PersonID] = []
    private var unorderedIDs: [PersonID] = []

    public init(batch: Batch) {
        self.batch = batch
    }

    public subscript(id: PersonID) -> PersonRecord? { records[id] }

    /// Everyone ever in the batch, in ID order, including people who have since moved to another batch or were
    /// withdrawn.
    public var sortedRecords: [PersonRecord] {
        sortedIDs.compactMap { records[$0] }
    }

    /// Every ID in ascending order.
    private var sortedIDs: [PersonID] {
        guard !unorderedIDs.isEmpty else { return orderedIDs }
        let late = unorderedIDs.sorted()
        var merged: [PersonID] = []
        merged.reserveCapacity(orderedIDs.count + late.count)
        var first = 0
        var second = 0
        while first < orderedIDs.count || second < late.count {
            if second == late.count || (first < orderedIDs.count && orderedIDs[first] < late[second]) {
                merged.append(orderedIDs[first])
                first += 1
            } else {
                merged.append(late[second])
                second += 1
            }
        }
        return merged
    }

    /// Two states are equal when they hold the same batch and records, in whatever order the people came.
    public static func == (left: BatchState, right: BatchState) -> Bool {
        left.batch == right.batch && left.records == right.records
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(batch)
        hasher.combine(records)
    }

    /// The people departing in this batch now, in ID order (a person moved to another batch or withdrawn by their
    /// college keeps their record here, for history, but is no longer a member).
    public var members: [PersonRecord] {
        sortedRecords.filter { $0.isMember(of: batch.id) }
    }

    /// Whether `id` departs in this batch now.
    public func isMember(_ id: PersonID) -> Bool {
        records[id]?.isMember(of: batch.id) == true
    }

    /// Whether `record` departs in this batch now: what every list and statistic counts.
    public func isMember(_ record: PersonRecord) -> Bool {
        record.isMember(of: batch.id)
    }

    /// Applies one change. Changes that do not fit the state (a status for an unknown person) are ignored,
    /// because the journal only ever holds changes that were valid when made.
    public mutating func apply(_ change: Change) {
        switch change {
        case .added(let person):
            guard records[person.id] == nil else { return }
            records[person.id] = PersonRecord(person: person)
            if orderedIDs.last.map({ $0 < person.id }) ?? true {
                orderedIDs.append(person.id)
            } else {
                unorderedIDs.append(person.id)
            }
        case .profileChanged(let id, let field, _, let new):
            records[id]?.person[field] = new
        case .statusSet(let id, let item, _, let new):
            records[id]?.items[item] = new
        case .issued(let id, let issuance):
            if records[id]?.issuance == nil { records[id]?.issuance = issuance }
        case .moved(let id, let transfer):
            records[id]?.person.batch = transfer.to
            records[id]?.transfer = transfer
        case .withdrawn(let id, let withdrawal):
            if records[id]?.withdrawal == nil { records[id]?.withdrawal = withdrawal }
        case .restored(let id):
            records[id]?.withdrawal = nil
        }
    }
}

/// One person's profile and clearance state within a batch.
public struct PersonRecord: Sendable, Hashable {
    public var person: Person
    /// Explicitly recorded item states; an applicable item absent here is `ItemState.initial`.
    public var items: [ItemID: ItemState] = [:]
    public var issuance: Issuance?
    /// The last move into or out of the batch this record belongs to.
    public var transfer: Transfer?
    /// Set while the person's college has withdrawn them from the batch.
    public var withdrawal: Withdrawal?

    public init(
        person: Person, items: [ItemID: ItemState] = [:], issuance: Issuance? = nil, transfer: Transfer? = nil,
        withdrawal: Withdrawal? = nil
    ) {
        self.person = person
        self.items = items
        self.issuance = issuance
        self.transfer = transfer
        self.withdrawal = withdrawal
    }

    /// The state of `item` for this person (initial when never set).
    public func state(of item: ItemID) -> ItemState {
        items[item] ?? .initial
    }

    public var isIssued: Bool { issuance != nil }
}

/// One change to a batch, as the journal records it.
public enum Change: Sendable, Hashable {
    case added(Person)
    case profileChanged(PersonID, ProfileField, old: String, new: String)
    case statusSet(PersonID, ItemID, old: ItemState, new: ItemState)
    case issued(PersonID, Issuance)
    /// The person moved between batches; journalled in both, the batch left and the batch joined.
    case moved(PersonID, Transfer)
    /// Their college withdrew them from this batch (撤销离校).
    case withdrawn(PersonID, Withdrawal)
    /// A withdrawn person was added again, and departs in this batch once more.
    case restored(PersonID)

    public var person: PersonID {
        switch self {
        case .added(let person): person.id
        case .profileChanged(let id, _, _, _), .statusSet(let id, _, _, _), .issued(let id, _), .moved(let id, _),
            .withdrawn(let id, _), .restored(let id):
            id
        }
    }
}
