internal import CXlsxWriter

/// What the workbook keeps about one sheet until it closes: the libxlsxwriter handle and the column settings.
///
/// Column widths and default formats are gathered while cells are written and handed to libxlsxwriter only
/// when the workbook closes, once every width is known. libxlsxwriter writes `<cols>` when it assembles the
/// sheet, so this works in constant-memory mode too (the writer tests check it).
final class SheetRecord {
    let name: String
    let worksheet: UnsafeMutablePointer<lxw_worksheet>
    var isHidden = false

    /// Widths set with `setColumnWidth`, which win over fitted ones.
    var explicitWidths: [Int: Double] = [:]
    /// The widest display width written into each column, index = column.
    private(set) var contentWidths: [Int] = []
    /// The bounds `autoFitColumns` asked for, or `nil` when columns are not fitted.
    var autoFit: (minimum: Double, maximum: Double)?
    /// Columns whose empty cells are unlocked under protection.
    var unlockedColumns: Set<Int> = []

    init(name: String, worksheet: UnsafeMutablePointer<lxw_worksheet>) {
        self.name = name
        self.worksheet = worksheet
    }

    /// Notes that a value `width` character cells wide went into `column`.
    func record(width: Int, column: Int) {
        if column >= contentWidths.count {
            contentWidths.append(contentsOf: repeatElement(0, count: column - contentWidths.count + 1))
        }
        if width > contentWidths[column] { contentWidths[column] = width }
    }

    /// Padding added to the widest value when fitting a column, in character cells.
    static let fitPadding = 2.0
    /// libxlsxwriter's default column width (`LXW_DEF_COL_WIDTH`).
    static let defaultWidth = 8.43

    /// The width and unlocked flag of every column that needs a `<col>` entry, in column order.
    func columnSettings() -> [(column: Int, width: Double, unlocked: Bool)] {
        var columns = Set(explicitWidths.keys).union(unlockedColumns)
        if autoFit != nil {
            columns.formUnion(contentWidths.indices.filter { contentWidths[$0] > 0 })
        }
        return columns.sorted().map { column in
            var width = SheetRecord.defaultWidth
            if let explicit = explicitWidths[column] {
                width = explicit
            } else if let autoFit, column < contentWidths.count, contentWidths[column] > 0 {
                let fitted = Double(contentWidths[column]) + SheetRecord.fitPadding
                width = min(max(fitted, autoFit.minimum), autoFit.maximum)
            }
            return (column, width, unlockedColumns.contains(column))
        }
    }
}
