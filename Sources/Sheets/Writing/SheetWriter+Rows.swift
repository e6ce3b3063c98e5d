internal import CXlsxWriter

extension SheetWriter {
    /// Sets a row's height in points (Excel's default is 15), for rows whose wrapped text needs more lines.
    ///
    /// In constant-memory mode call it before writing the row's cells. The corresponding C function is
    /// `worksheet_set_row`.
    public func setRowHeight(_ row: Int, _ height: Double) throws(XlsxWriterError) {
        workbook.requireOpen()
        try checkPosition(row: row, column: 0, doing: "setting a row height")
        precondition((0...409).contains(height), "a row height is between 0 and 409 points, not \(height)")
        let error = worksheet_set_row(worksheet, lxw_row_t(row), height, nil)
        guard error == LXW_NO_ERROR else {
            throw XlsxWriterError(error, context: "setting the height of row \(row + 1) of sheet \"\(name)\"")
        }
    }

    /// Limits printing to a block of columns (all rows), for sheets whose detail columns are for the screen.
    ///
    /// The corresponding C function is `worksheet_print_area`.
    public func setPrintColumns(_ columns: ClosedRange<Int>) throws(XlsxWriterError) {
        workbook.requireOpen()
        let error = worksheet_print_area(
            worksheet, 0, lxw_col_t(columns.lowerBound), lxw_row_t(SheetWriter.maximumRows - 1),
            lxw_col_t(columns.upperBound))
        guard error == LXW_NO_ERROR else {
            throw XlsxWriterError(error, context: "setting the print area of sheet \"\(name)\"")
        }
    }
}
