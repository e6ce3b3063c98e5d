import Sheets

/// The rows every list and statistics sheet begins with: a merged title, merged note lines, then column headers.
///
/// Notes are merged across the table so that long instructions do not widen the first column when columns are
/// fitted; a note wider than the table is cut at its edge, so callers keep each line short and split long
/// instructions over several notes.
struct SheetHeading {
    var title: String
    var notes: [String]
    var headers: [String]
    /// Columns whose header is drawn in the tint of the cells staff fill in.
    var editableColumns: Set<Int> = []
    /// How many columns print, when the last ones are for the program (导出编号); `nil` prints them all. The
    /// title and notes span only these, so a printed page shows them whole.
    var printedColumns: Int?

    /// The 0-based row of the column headers.
    var headerRow: Int { 1 + notes.count }
    /// The 0-based row of the first data row.
    var firstDataRow: Int { headerRow + 1 }

    /// Writes the title, notes and headers; the title and notes span at least `minimumWidth` columns.
    func write(in sheet: SheetBuilder, minimumWidth: Int = 1) throws(XlsxWriterError) {
        let lastColumn = max(printedColumns ?? headers.count, minimumWidth, 1) - 1
        try sheet.mergeTitle(title, row: 0, firstColumn: 0, lastColumn: lastColumn, style: ReportStyle.title)
        for (index, note) in notes.enumerated() {
            try sheet.mergeTitle(
                note, row: 1 + index, firstColumn: 0, lastColumn: lastColumn, style: ReportStyle.subtitle)
        }
        for (column, header) in headers.enumerated() {
            let style = editableColumns.contains(column) ? ReportStyle.editableHeader : ReportStyle.header
            try sheet.write(header, row: headerRow, column: column, style: style)
        }
    }

    /// Freezes the heading, adds filter buttons over `rowCount` data rows, fits the columns and sets printing:
    /// A4, one page wide, the heading repeated on every page; only `printedColumns` print, when set.
    func finishList(in sheet: SheetBuilder, rowCount: Int, landscape: Bool = false, footer: String? = nil)
        throws(XlsxWriterError)
    {
        sheet.freezeHeader(rows: firstDataRow)
        if !headers.isEmpty {
            try sheet.autoFilter(
                firstRow: headerRow, firstColumn: 0, lastRow: headerRow + max(rowCount, 1),
                lastColumn: headers.count - 1)
        }
        sheet.autoFitColumns(minimum: 8, maximum: 50)
        if let printedColumns { try sheet.setPrintColumns(0...max(printedColumns - 1, 0)) }
        try sheet.printSetup(PrintSetup(landscape: landscape, repeatRows: 0...headerRow, footerText: footer))
    }
}
