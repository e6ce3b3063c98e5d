import Clearance
import Sheets

/// A college's withdrawal list (撤销离校), dropped into its roster folder: 学工号, 姓名, 撤销原因, optionally
/// 离校批次.
///
/// A roster-folder file is a withdrawal list when the header row of its first data sheet (the row among the
/// first ten holding 学工号 or an alias) has a 撤销原因 column; every other roster-folder file is a roster import.
/// So the blank 撤销离校模板 and any sheet a college makes with those columns are recognised, and a roster import
/// can never withdraw anyone by accident.
struct WithdrawalSheet {
    /// One data row: the cells as read, checked by ``WithdrawalIntake``.
    struct Line {
        var row: Int
        var id: Cell
        var name: String
        /// 离校批次 as written; empty when the column is absent or blank (the batch they depart in now).
        var batchText: String
        var reason: String
    }

    var lines: [Line] = []
    var headerRow = 0
    var unknownColumns: [String] = []

    /// Reads `contents` as a withdrawal list; `nil` when its header has no 撤销原因 column (or no sheet can be read:
    /// the roster reading then reports why).
    init?(_ contents: WorkbookContents) {
        for index in contents.sheets.indices where ReturnSheet.isDataSheet(contents.sheets[index]) {
            guard let rows = try? contents.rows(inSheet: index) else { return nil }
            let texts = rows.prefix(10).map { $0.cells.map(TextNormaliser.text) }
            guard let header = HeaderRow.find(in: texts, numbers: rows.prefix(10).map(\.number), key: .id) else {
                continue
            }
            guard header.columns[.withdrawalReason] != nil else { return nil }
            headerRow = header.rowNumber
            unknownColumns = header.unknown
            func text(_ row: Row, _ column: Column) -> String {
                header.columns[column].map { TextNormaliser.text(row[$0]) } ?? ""
            }
            for row in rows where row.number > header.rowNumber {
                let id = header.columns[.id].map { row[$0] } ?? .empty
                let line = Line(
                    row: row.number, id: id, name: text(row, .name), batchText: text(row, .batch),
                    reason: text(row, .withdrawalReason))
                if id.isEmpty, line.name.isEmpty, line.reason.isEmpty { continue }
                lines.append(line)
            }
            return
        }
        return nil
    }
}
