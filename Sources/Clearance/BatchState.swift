/// Everything known about one batch: its people, their item states, their issuance.
///
/// State changes only through `apply(_:)`, so replaying the journal's changes in order rebuilds it exactly.
public struct BatchState: Sendable, Hashable {
    public let batch: Batch
    public private(set) var records: [PersonID: PersonRecord] = [:]

    public init(batch: Batch) {
        self.batch = batch
    }

    public subscript(id: PersonID) -> PersonRecord? { records[id] }

    /// Everyone ever in the batch, in ID order, including people who have since moved to another batch.
    public var sortedRecords: [PersonRecord] {
        // Sort the keys, not the records: moving a record retains and releases each of its strings.
        records.keys.sorted().compactMap { records[$0] }
    }

    /// The people departing in this batch now, in ID order (a person moved to another batch keeps their
    /// record here, for history, but is no longer a member).
    public var members: [PersonRecord] {
        sortedRecords.filter { $0.person.batch == batch.id }
    }

    /// Whether `id` departs in this batch now.
    public func isMember(_ id: PersonID) -> Bool {
        records[id]?.person.batch == batch.id
    }

    /// Applies one change. Changes that do not fit the state (a status for an unknown person) are ignored,
    /// because the journal only ever holds changes that were valid when made.
    public mutating func apply(_ change: Change) {
        switch change {
        case .added(let person):
            if records[person.id] == nil { records[person.id] = PersonRecord(person: person) }
        case .profileChanged(let id, let field, _, let new):
            records[id]?.person[field] = new
        case .statusSet(let id, let item, _, let new):
            records[id]?.items[item] = new
        case .issued(let id, let issuance):
            if records[id]?.issuance == nil { records[id]?.issuance = issuance }
        }
    }
}

/// One person's profile and clearance state within a batch.
public struct PersonRecord: Sendable, Hashable {
    public var person: Person
    /// Explicitly recorded item states; an applicable item absent here is `ItemState.initial`.
    public var items: [ItemID: ItemState] = [:]
    public var issuance: Issuance?

    public init(person: Person, items: [ItemID: ItemState] = [:], issuance: Issuance? = nil) {
        self.person = person
        self.items = items
        self.issuance = issuance
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

    public var person: PersonID {
        switch self {
        case .added(let person): person.id
        case .profileChanged(let id, _, _, _), .statusSet(let id, _, _, _), .issued(let id, _): id
        }
    }
}
