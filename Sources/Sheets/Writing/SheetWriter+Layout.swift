internal import CXlsxWriter

extension SheetWriter {
    /// Sets a column's width in Excel's units (the width of one `0` in the default font).
    ///
    /// Widths are applied when the workbook closes, so this may be called before or after writing, in
    /// constant-memory mode too, and wins over `autoFitColumns` for that column. The corresponding C function
    /// is `worksheet_set_column`.
    public func setColumnWidth(_ column: Int, _ width: Double) {
        workbook.requireOpen()
        precondition((0..<SheetWriter.maximumColumns).contains(column), "column \(column) is outside the sheet")
        precondition((0...255).contains(width), "a column width is between 0 and 255, not \(width)")
        record.explicitWidths[column] = width
    }

    /// Sizes every column that holds a value from the widest text or number written into it, plus 2 for
    /// padding, kept between `minimum` and `maximum`.
    ///
    /// Widths count CJK characters double (`DisplayWidth`). Everything written before the workbook closes
    /// counts, whether it was written before or after this call; merged titles do not. Columns given a width
    /// with `setColumnWidth` keep it. The corresponding C function is `worksheet_set_column`, called on close.
    public func autoFitColumns(minimum: Double = 6, maximum: Double = 60) {
        workbook.requireOpen()
        precondition(0 <= minimum && minimum <= maximum && maximum <= 255, "bad width bounds \(minimum)...\(maximum)")
        record.autoFit = (minimum, maximum)
    }

    /// Freezes the top `rows` rows so they stay visible while scrolling (title and header rows).
    ///
    /// The corresponding C function is `worksheet_freeze_panes`.
    public func freezeHeader(rows: Int = 1) {
        workbook.requireOpen()
        precondition((0..<SheetWriter.maximumRows).contains(rows), "cannot freeze \(rows) rows")
        worksheet_freeze_panes(worksheet, lxw_row_t(rows), 0)
    }

    /// Adds filter buttons to the header row `firstRow` over the given columns, filtering down to `lastRow`.
    ///
    /// On a protected sheet the buttons keep working (`protect` allows filtering). The corresponding C function
    /// is `worksheet_autofilter`.
    public func autoFilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws(XlsxWriterError) {
        workbook.requireOpen()
        let action = "adding an auto filter"
        try checkPosition(row: firstRow, column: firstColumn, doing: action)
        try checkPosition(row: lastRow, column: lastColumn, doing: action)
        try XlsxWriterError.check(
            worksheet_autofilter(
                worksheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            "\(action) to sheet \"\(name)\"")
    }

    /// Writes a title as text across `firstColumn...lastColumn` of `row`, merged into one cell.
    ///
    /// Like `write`, the text is never a formula. The title keeps `style` exactly (it is not unlocked by
    /// `protect`) and does not count towards `autoFitColumns`. A single column is written without merging. The
    /// corresponding C function is `worksheet_merge_range`.
    public func mergeTitle(
        _ text: String, row: Int, firstColumn: Int, lastColumn: Int,
        style: CellStyle = CellStyle(bold: true, fontSize: 14, horizontalAlignment: .center, verticallyCentered: true)
    ) throws(XlsxWriterError) {
        precondition(firstColumn <= lastColumn, "a title spans firstColumn...lastColumn")
        let action = "writing a merged title"
        try checkPosition(row: row, column: lastColumn, doing: action)
        let saved = protection
        protection = nil
        defer { protection = saved }
        let cell = try prepare(row: row, column: firstColumn, style: style, doing: action)
        let context = describe(action, row: row, column: firstColumn)
        guard firstColumn < lastColumn else {
            try XlsxWriterError.check(
                worksheet_write_string(worksheet, cell.row, cell.column, StoredText.escape(text), cell.format), context)
            return
        }
        try XlsxWriterError.check(
            worksheet_merge_range(
                worksheet, cell.row, cell.column, cell.row, lxw_col_t(lastColumn), StoredText.escape(text), cell.format),
            context)
    }

    /// Hides the sheet; it stays in the workbook and readers list it as hidden.
    ///
    /// If the first sheet is hidden, the first visible sheet opens instead; closing throws when every sheet is
    /// hidden. The corresponding C function is `worksheet_hide`.
    public func hide() {
        workbook.requireOpen()
        worksheet_hide(worksheet)
        record.isHidden = true
    }
}
