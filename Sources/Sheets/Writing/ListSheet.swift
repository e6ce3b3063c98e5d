internal import CXlsxWriter

/// The hidden sheet that holds drop-down lists too long for Excel's 255-character literal list.
///
/// One per workbook, made on first need. Each distinct list gets its own column; the values are written when
/// the workbook closes, row by row, so constant-memory mode (which only accepts rows in order) works too.
final class ListSheet {
    let record: SheetRecord
    private var columns: [[String]] = []
    private var columnOfList: [[String]: Int] = [:]

    init(record: SheetRecord) {
        self.record = record
    }

    /// The absolute range holding `values`, such as `='_lists'!$B$1:$B$40`, adding a column when new.
    func reference(for values: [String]) -> String {
        let column: Int
        if let existing = columnOfList[values] {
            column = existing
        } else {
            column = columns.count
            columns.append(values)
            columnOfList[values] = column
        }
        let letters = SheetName.columnLetters(column)
        return "=" + SheetName.quoted(record.name) + "!$\(letters)$1:$\(letters)$\(values.count)"
    }

    /// Writes every list as text cells.
    ///
    /// The corresponding C function is `worksheet_write_string`.
    func writeValues() throws(XlsxWriterError) {
        let rowCount = columns.map(\.count).max() ?? 0
        for row in 0..<rowCount {
            for (column, values) in columns.enumerated() where row < values.count {
                try XlsxWriterError.check(
                    worksheet_write_string(
                        record.worksheet, lxw_row_t(row), lxw_col_t(column), StoredText.escape(values[row]), nil),
                    "writing drop-down values into sheet \"\(record.name)\"")
            }
        }
    }
}
