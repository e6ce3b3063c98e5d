/// A departing person's 学工号 (student or staff number): always text, never a number.
public struct PersonID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    /// Shorter IDs first, then digit by digit, so `2023110102` follows `2023110101` and ranges compare naturally.
    public static func < (lhs: PersonID, rhs: PersonID) -> Bool {
        (lhs.rawValue.count, lhs.rawValue) < (rhs.rawValue.count, rhs.rawValue)
    }
}

/// A departing person's profile, as the registry or a college roster gives it.
public struct Person: Sendable, Hashable, Identifiable {
    public var id: PersonID
    public var name: String
    public var gender: String
    /// The college's display name.
    public var college: String
    public var major: String
    public var className: String
    /// 培养层次: 本科, 硕士, 博士 …
    public var level: String
    public var advisorID: String
    public var advisorName: String
    public var building: String
    public var room: String
    /// The batch id this person departs in.
    public var batch: String
    /// Whether the person has student status (学籍): registry people do, roster imports do not.
    public var hasStudentStatus: Bool

    public init(
        id: PersonID, name: String, gender: String = "", college: String, major: String = "", className: String = "",
        level: String, advisorID: String = "", advisorName: String = "", building: String = "", room: String = "",
        batch: String, hasStudentStatus: Bool = true
    ) {
        self.id = id
        self.name = name
        self.gender = gender
        self.college = college
        self.major = major
        self.className = className
        self.level = level
        self.advisorID = advisorID
        self.advisorName = advisorName
        self.building = building
        self.room = room
        self.batch = batch
        self.hasStudentStatus = hasStudentStatus
    }

    public var isResident: Bool { !building.isEmpty }
    public var hasAdvisor: Bool { !advisorID.isEmpty }

    /// The profile field's value.
    public subscript(field: ProfileField) -> String {
        get {
            switch field {
            case .name: name
            case .gender: gender
            case .college: college
            case .major: major
            case .className: className
            case .level: level
            case .advisorID: advisorID
            case .advisorName: advisorName
            case .building: building
            case .room: room
            case .batch: batch
            case .studentStatus: hasStudentStatus ? "是" : "否"
            }
        }
        set {
            switch field {
            case .name: name = newValue
            case .gender: gender = newValue
            case .college: college = newValue
            case .major: major = newValue
            case .className: className = newValue
            case .level: level = newValue
            case .advisorID: advisorID = newValue
            case .advisorName: advisorName = newValue
            case .building: building = newValue
            case .room: room = newValue
            case .batch: batch = newValue
            case .studentStatus: hasStudentStatus = newValue == "是"
            }
        }
    }
}

/// The profile fields a registry or roster may set, in the order outputs show them.
public enum ProfileField: String, Sendable, Hashable, CaseIterable {
    case name, gender, college, major, className, level, advisorID, advisorName, building, room, batch, studentStatus
}
