import Clearance
import Sheets

/// A profile column of a department-side list: its header and how a person's value is written.
///
/// Only profile fields a department needs are here: never the registry's extra personal fields (DESIGN.md §5).
enum DepartmentColumn: CaseIterable {
    case id, name, college, major, className, level, batch, building, room, advisorID, advisorName

    var header: String {
        switch self {
        case .id: DepartmentText.Header.id
        case .name: DepartmentText.Header.name
        case .college: DepartmentText.Header.college
        case .major: DepartmentText.Header.major
        case .className: DepartmentText.Header.className
        case .level: DepartmentText.Header.level
        case .batch: DepartmentText.Header.batch
        case .building: DepartmentText.Header.building
        case .room: DepartmentText.Header.room
        case .advisorID: DepartmentText.Header.advisorID
        case .advisorName: DepartmentText.Header.advisorName
        }
    }

    /// The person's value, with the batch shown by its display name.
    func value(of person: Person, in university: University) -> String {
        switch self {
        case .id: person.id.rawValue
        case .name: person.name
        case .college: person.college
        case .major: person.major
        case .className: person.className
        case .level: person.level
        case .batch: university.batch(named: person.batch)?.name ?? person.batch
        case .building: person.building
        case .room: person.room
        case .advisorID: person.advisorID
        case .advisorName: person.advisorName
        }
    }

    /// Whether the column holds an identifier (房间 too, so `0101` keeps its zero), written with the text number
    /// format.
    var isIdentifier: Bool {
        self == .id || self == .advisorID || self == .room
    }

    /// Writes the person's value into `row`, `column`; `warning` draws it in the overdue colour.
    func write(
        _ person: Person, in university: University, sheet: SheetBuilder, row: Int, column: Int, warning: Bool = false
    ) throws(XlsxWriterError) {
        let text = value(of: person, in: university)
        if isIdentifier {
            try sheet.writeID(text, row: row, column: column, style: warning ? ReportStyle.warningID : ReportStyle.id)
        } else {
            try sheet.write(text, row: row, column: column, style: warning ? ReportStyle.warning : ReportStyle.text)
        }
    }

    /// The profile columns of a department's lists of `item`: the apartment rooms only where the item concerns
    /// residents, the advisor only where it concerns advisors' students.
    static func exportColumns(for item: Item) -> [DepartmentColumn] {
        var columns: [DepartmentColumn] = [.id, .name, .college, .major, .className, .level, .batch]
        if item.rule.residentsOnly { columns += [.building, .room] }
        return columns
    }

    /// The columns of a pending list of `item`: college and class first (the list is grouped by them), then who
    /// to contact and where.
    static func pendingColumns(for item: Item) -> [DepartmentColumn] {
        var columns: [DepartmentColumn] = [.college, .className, .id, .name]
        if item.rule.residentsOnly { columns += [.building, .room] }
        if item.rule.advisorOnly || item.scope == .advisor { columns += [.advisorID, .advisorName] }
        return columns
    }
}
