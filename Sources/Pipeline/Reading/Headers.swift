import Clearance

/// Every column header lixiao recognises, with the aliases staff and other systems use for it.
///
/// This is the one table of Chinese header text: readers match against it, writers take the first spelling.
enum Column: String, CaseIterable, Sendable {
    case id, name, gender, college, major, className, level, advisorID, advisorName, building, room, batch
    case status, remark, signature, confirmIssuance
    /// The code of the export a row came from (`ExportCode`), written by lixiao, never typed.
    case exportCode
    /// 撤销原因: its presence makes a roster-folder file a withdrawal list (撤销离校).
    case withdrawalReason

    /// The spellings accepted, the canonical one first.
    var aliases: [String] {
        switch self {
        case .id: ["学工号", "学号", "工号", "学生学号", "学生编号", "编号", "考生号"]
        case .name: ["姓名", "学生姓名", "名字"]
        case .gender: ["性别"]
        case .college: ["学院", "院系", "所在学院", "学院名称", "所属学院"]
        case .major: ["专业", "专业名称", "所学专业"]
        case .className: ["班级", "班级名称", "行政班"]
        case .level: ["培养层次", "学历层次", "层次", "学生类别", "学生类型"]
        case .advisorID: ["导师工号", "导师编号", "指导教师工号"]
        case .advisorName: ["导师姓名", "导师", "指导教师"]
        case .building: ["公寓楼", "宿舍楼", "楼栋", "公寓"]
        case .room: ["房间", "房间号", "宿舍号", "寝室号", "寝室"]
        case .batch: ["离校批次", "批次", "毕业批次"]
        case .status: ["办理状态", "状态"]
        case .remark: ["办理备注", "备注"]
        case .signature: ["签字", "导师签字", "是否签字", "签字确认"]
        case .confirmIssuance: ["确认发证", "是否发证", "发证确认", "确认发放"]
        case .exportCode: ["导出编号"]
        case .withdrawalReason: ["撤销原因", "撤销离校原因", "撤销理由"]
        }
    }

    /// The header a generated sheet uses.
    var header: String { aliases[0] }

    /// Which column a header text names, after normalising spaces, full-width letters and required-field marks.
    static func matching(_ text: String) -> Column? {
        let key = normalise(text)
        guard !key.isEmpty else { return nil }
        return lookup[key]
    }

    private static let lookup: [String: Column] = {
        var table: [String: Column] = [:]
        for column in Column.allCases {
            for alias in column.aliases where table[normalise(alias)] == nil { table[normalise(alias)] = column }
        }
        return table
    }()

    /// Drops spaces (also U+3000), a leading or trailing `*` or `＊`, and a `（必填）` mark; folds full-width ASCII.
    static func normalise(_ text: String) -> String {
        var result = TextNormaliser.halfWidth(text).filter { !$0.isWhitespace && $0 != "*" }
        for mark in ["(必填)", "(选填)"] where result.hasSuffix(mark) { result.removeLast(mark.count) }
        return result.lowercased()
    }
}

/// Header rows found in a sheet: where they are, which columns they name, and what was not recognised.
struct HeaderRow: Sendable {
    var rowNumber: Int
    var columns: [Column: Int]
    /// Header texts that name no known column, in sheet order (reported, never copied anywhere).
    var unknown: [String]

    /// Looks for the first row among the first ten that holds the `key` column's header.
    static func find(in rows: [[String]], numbers: [Int], key: Column) -> HeaderRow? {
        for (position, cells) in rows.prefix(10).enumerated() {
            var columns: [Column: Int] = [:]
            var unknown: [String] = []
            for (index, text) in cells.enumerated() where !text.isEmpty {
                if let column = Column.matching(text) {
                    if columns[column] == nil { columns[column] = index }
                } else {
                    unknown.append(text)
                }
            }
            if columns[key] != nil {
                return HeaderRow(rowNumber: numbers[position], columns: columns, unknown: unknown)
            }
        }
        return nil
    }
}

extension ProfileField {
    /// The Chinese name staff know the field by, used in the journal and the snapshot.
    var label: String {
        switch self {
        case .name: Column.name.header
        case .gender: Column.gender.header
        case .college: Column.college.header
        case .major: Column.major.header
        case .className: Column.className.header
        case .level: Column.level.header
        case .advisorID: Column.advisorID.header
        case .advisorName: Column.advisorName.header
        case .building: Column.building.header
        case .room: Column.room.header
        case .batch: Column.batch.header
        case .studentStatus: "学籍"
        }
    }

    init?(label: String) {
        guard let field = ProfileField.allCases.first(where: { $0.label == label }) else { return nil }
        self = field
    }
}
