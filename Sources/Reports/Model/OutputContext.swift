public import Clearance
public import Foundation

/// Everything an outbox workbook is built from: one batch's state at one ledger position, and today's date.
///
/// Builders read only this (and their own arguments), never the ledger or the clock, so the same context
/// always yields the same cells.
public struct OutputContext: Sendable {
    public var university: University
    /// The batch's state; setting it recomputes the member lists below.
    public var state: BatchState {
        didSet { (members, membersByCollege, membersByAdvisor) = Self.index(state) }
    }
    /// The journal's last sequence number when the context was taken, recorded in each export's origin.
    public var sequence: Int
    /// Today in local time, for days left until the deadline.
    public var today: Day
    /// When the outputs were generated, in local time (`2027-06-01 09:30:12`), printed in footers and origins.
    public var generatedAt: String
    /// The zone staff read times in (issue times, the creation time of the workbooks' properties): the machine's,
    /// chosen by the caller, never by a builder.
    public var zone: TimeZone
    /// Signs the origins of the sheets staff return (the installation's key stays with the caller).
    public var originSigner: OriginSigner
    /// Signs the statements departure notices carry in their QR code; without one, no PDF notice is printed.
    public var noticeSigner: NoticeSigner?

    /// The batch's members in ID order, computed once: thousands of outputs are built from one context.
    public private(set) var members: [PersonRecord]
    /// Members by college name.
    public private(set) var membersByCollege: [String: [PersonRecord]]
    /// Members by 导师工号 (people without an advisor are not listed).
    public private(set) var membersByAdvisor: [String: [PersonRecord]]

    public init(
        university: University, state: BatchState, sequence: Int, today: Day, generatedAt: String, zone: TimeZone,
        originSigner: OriginSigner
    ) {
        self.university = university
        self.state = state
        self.sequence = sequence
        self.today = today
        self.generatedAt = generatedAt
        self.zone = zone
        self.originSigner = originSigner
        (members, membersByCollege, membersByAdvisor) = Self.index(state)
    }

    private static func index(_ state: BatchState)
        -> ([PersonRecord], [String: [PersonRecord]], [String: [PersonRecord]])
    {
        let members = state.members
        return (
            members, Dictionary(grouping: members) { $0.person.college },
            Dictionary(grouping: members.filter { $0.person.hasAdvisor }) { $0.person.advisorID }
        )
    }

    public var batch: Batch { state.batch }
}
