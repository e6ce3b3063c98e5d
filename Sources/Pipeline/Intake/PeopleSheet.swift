import Clearance
import Sheets

/// A registry export or a college roster, read into people and row errors.
///
/// Columns are found by header text under any title rows; IDs are normalised; colleges, levels and batches are
/// checked against the pipeline. Nothing here touches the ledger: the intake decides what each person changes.
struct PeopleSheet {
    /// One data row's reading.
    enum Entry {
        /// A person departing in a configured batch.
        case departing(Person)
        /// A registry person with student status who is not departing in a configured batch (kept for reference).
        case staying(Person, batchText: String)
        case error(RowError)
    }

    struct Line {
        var row: Int
        var entry: Entry
    }

    var lines: [Line] = []
    var unknownColumns: [String] = []
    var headerRow = 0

    /// Reads the first data sheet of the file `read` returns. Throws `IntakeRefusal` for whole-file problems.
    init(reading read: () throws(SheetError) -> WorkbookContents, university: University, roster: College?)
        throws(IntakeRefusal)
    {
        var rows: [Row] = []
        var found: HeaderRow?
        do {
            let reader = try read()
            // The first data sheet whose first ten rows hold the ID header (a notes sheet may come first).
            for index in reader.sheets.indices where ReturnSheet.isDataSheet(reader.sheets[index]) {
                rows = try reader.rows(inSheet: index)
                let texts = rows.prefix(10).map { $0.cells.map(TextNormaliser.text) }
                found = HeaderRow.find(in: texts, numbers: rows.prefix(10).map(\.number), key: .id)
                if found != nil { break }
            }
        } catch {
            throw .unreadable(error)
        }
        guard let header = found else { throw .noHeader(expected: Column.id.aliases) }
        let required: [Column] = roster == nil ? [.name, .college, .level, .batch] : [.name, .level, .batch]
        let missing = required.filter { header.columns[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(missing.map(\.header)) }
        headerRow = header.rowNumber
        unknownColumns = header.unknown
        let mapper = RowMapper(columns: header.columns, university: university, roster: roster)
        for row in rows where row.number > header.rowNumber {
            lines.append(Line(row: row.number, entry: mapper.entry(row)))
        }
    }
}

/// Why a whole intake file was refused.
enum IntakeRefusal: Error {
    case unreadable(SheetError)
    case noHeader(expected: [String])
    case missingColumns([String])
}

/// A refused row: which column and why, in Chinese for the receipt.
struct RowError: Sendable, Hashable {
    var id: String
    var name: String
    var column: String
    var reason: String
}

/// Maps one row's cells to a person, checking every value against the pipeline.
private struct RowMapper {
    let columns: [Column: Int]
    let university: University
    let roster: College?

    func entry(_ row: Row) -> PeopleSheet.Entry {
        func text(_ column: Column) -> String {
            columns[column].map { TextNormaliser.text(row[$0]) } ?? ""
        }
        func failure(_ column: Column, _ id: String, _ reason: String) -> PeopleSheet.Entry {
            .error(RowError(id: id, name: text(.name), column: column.header, reason: reason))
        }
        let idCell = columns[.id].map { row[$0] } ?? .empty
        let id: String
        switch TextNormaliser.id(idCell) {
        case .success(let value): id = value
        case .failure(.empty): return failure(.id, "", "学工号为空")
        case .failure(.notWhole(let text)): return failure(.id, text, "学工号「\(Quoted.short(text))」不是整数")
        case .failure(.tooManyDigits(let text)):
            return failure(.id, text, "学工号「\(Quoted.short(text))」超过 15 位，Excel 无法精确保存为数字，请将该列设为文本格式后重新填写")
        case .failure(.badCharacters(let text)): return failure(.id, text, "学工号「\(Quoted.short(text))」只能包含数字和字母")
        case .failure(.tooLong(let text)):
            return failure(
                .id, Quoted.short(text), FieldLimits.message(column: "学工号", count: text.count, limit: FieldLimits.id))
        }
        for (column, index) in columns.sorted(by: { $0.value < $1.value }) where column != .id {
            let value = TextNormaliser.text(row[index])
            let limit = column == .name ? FieldLimits.name : FieldLimits.profileField
            guard value.count <= limit else {
                return .error(
                    RowError(
                        id: id, name: column == .name ? Quoted.short(value) : Quoted.short(text(.name)),
                        column: column.header,
                        reason: FieldLimits.message(column: column.header, count: value.count, limit: limit)))
            }
        }
        let name = text(.name)
        guard !name.isEmpty else { return failure(.name, id, "姓名为空") }
        let collegeName: String
        if let roster {
            let given = text(.college)
            if !given.isEmpty, university.college(named: given)?.id != roster.id {
                return failure(.college, id, "「\(Quoted.short(given))」不是本学院（\(roster.name)），学院只能导入本学院人员")
            }
            collegeName = roster.name
        } else {
            let given = text(.college)
            guard let college = university.college(named: given) else {
                return failure(.college, id, given.isEmpty ? "学院为空" : "学院「\(Quoted.short(given))」不在本校学院名单中")
            }
            collegeName = college.name
        }
        let level = text(.level)
        guard university.levels.contains(level) else {
            let known = university.levels.joined(separator: "、")
            return failure(.level, id, level.isEmpty ? "培养层次为空" : "培养层次「\(Quoted.short(level))」无效，应为\(known)之一")
        }
        let batchText = text(.batch)
        var person = Person(
            id: PersonID(id), name: name, gender: text(.gender), college: collegeName, major: text(.major),
            className: text(.className), level: level, advisorID: text(.advisorID), advisorName: text(.advisorName),
            building: text(.building), room: text(.room), batch: "", hasStudentStatus: roster == nil)
        guard let batch = university.batch(named: batchText) else {
            if roster != nil {
                let known = university.batches.map(\.name).joined(separator: "、")
                return failure(
                    .batch, id, batchText.isEmpty ? "离校批次为空" : "离校批次「\(Quoted.short(batchText))」无效，应为\(known)之一")
            }
            return .staying(person, batchText: batchText)
        }
        person.batch = batch.id
        return .departing(person)
    }
}
