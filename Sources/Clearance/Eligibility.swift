/// Whether a person may receive the two certificates (可发证), and what blocks them.
public struct Eligibility: Sendable, Hashable {
    /// An applicable item still 未办理, with its remark.
    public struct Blocker: Sendable, Hashable {
        public var item: Item
        public var state: ItemState
    }

    /// Items still 未办理, in pipeline order: empty when eligible.
    public var blockers: [Blocker]

    public var isEligible: Bool { blockers.isEmpty }

    /// Every applicable item 2 or 3 makes a person eligible; each 1 is a blocker.
    public init(record: PersonRecord, university: University) {
        blockers = university.applicableItems(for: record.person).compactMap { item in
            let state = record.state(of: item.id)
            return state.status.isCleared ? nil : Blocker(item: item, state: state)
        }
    }
}
/// The rule for issuing certificates: only when eligible, and only once.
public enum IssuanceDecision: Sendable, Hashable {
    case issue
    case alreadyIssued(Issuance)
    case notEligible(blockingItems: [ItemID])

    public init(record: PersonRecord, university: University) {
        if let issuance = record.issuance {
            self = .alreadyIssued(issuance)
            return
        }
        let eligibility = Eligibility(record: record, university: university)
        self = eligibility.isEligible ? .issue : .notEligible(blockingItems: eligibility.blockers.map(\.item.id))
    }
}
