/// A clearance item (办理项): a department's sign-off, or the advisor's signature.
public struct Item: Sendable, Hashable, Identifiable {
    public var id: ItemID
    /// Display name, also the default folder name (图书馆).
    public var name: String
    /// Folder under `inbox/departments/` and `outbox/departments/`.
    public var folder: String
    public var scope: Scope
    public var rule: Applicability
    /// Where a person goes to get it done, printed on departure notices.
    public var location: String
    /// What the item's department is, when that gives it a special role (the apartment centre).
    public var role: Role

    public enum Scope: String, Sendable, Hashable {
        /// One department for the whole school.
        case school
        /// One folder per college (学院党委): each handles only its own college's people.
        case college
        /// Each advisor (导师) signs for their own students.
        case advisor
    }

    public enum Role: String, Sendable, Hashable {
        case ordinary
        /// The apartment centre: the only role that receives per-building statistics.
        case apartment
    }

    public init(
        id: ItemID, name: String, folder: String? = nil, scope: Scope = .school, rule: Applicability = .everyone,
        location: String = "", role: Role = .ordinary
    ) {
        self.id = id
        self.name = name
        self.folder = folder ?? name
        self.scope = scope
        self.rule = rule
        self.location = location
        self.role = role
    }

    /// Whether the item exists for `person` at all; an item that does not apply has no status.
    public func applies(to person: Person) -> Bool {
        rule.applies(to: person)
    }
}

/// A clearance item's stable id (`library`), used in the journal and the pipeline file.
public struct ItemID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: ItemID, rhs: ItemID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who an item applies to. Every condition given must hold; none given means everyone.
public struct Applicability: Sendable, Hashable {
    /// Only these levels of study (培养层次), or every level when `nil`.
    public var levels: Set<String>?
    /// Only people living in a student apartment (公寓楼 recorded).
    public var residentsOnly: Bool
    /// Only people with an advisor (导师工号 recorded).
    public var advisorOnly: Bool

    public init(levels: Set<String>? = nil, residentsOnly: Bool = false, advisorOnly: Bool = false) {
        self.levels = levels
        self.residentsOnly = residentsOnly
        self.advisorOnly = advisorOnly
    }

    public static let everyone = Applicability()

    public func applies(to person: Person) -> Bool {
        if let levels, !levels.contains(person.level) { return false }
        if residentsOnly, !person.isResident { return false }
        if advisorOnly, !person.hasAdvisor { return false }
        return true
    }
}
