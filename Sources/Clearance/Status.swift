/// An item's 办理状态 for one person.
public enum Status: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// 1 未办理: not done, the initial state.
    case pending = 1
    /// 2 无需办理: not required for this person.
    case notRequired = 2
    /// 3 已办理: done.
    case done = 3

    /// Whether the status counts toward eligibility (2 or 3).
    public var isCleared: Bool { self != .pending }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An item's status and remark (办理备注) for one person.
public struct ItemState: Sendable, Hashable {
    public var status: Status
    public var remark: String

    public init(status: Status = .pending, remark: String = "") {
        self.status = status
        self.remark = remark
    }

    public static let initial = ItemState()
}

/// The record that a person's two certificates were issued: once, with its time and source.
public struct Issuance: Sendable, Hashable {
    /// When, as stored in the ledger (UTC with offset).
    public var time: String
    /// Which folder and file confirmed it.
    public var source: String

    public init(time: String, source: String) {
        self.time = time
        self.source = source
    }
}

extension Status {
    /// The label staff write and read: `1 未办理`, `2 无需办理`, `3 已办理`.
    public var label: String { "\(rawValue) \(name)" }

    /// The status name without its number.
    public var name: String {
        switch self {
        case .pending: "未办理"
        case .notRequired: "无需办理"
        case .done: "已办理"
        }
    }
}
