internal import CXlsxWriter

/// One sheet of a workbook being written: cells, layout, drop-downs, protection, printing and charts.
///
/// Rows and columns are 0-based (row 0, column 0 is `A1`). A sheet keeps its workbook alive; once the workbook
/// is closed, calling any method traps. Text is always written as text — never as a formula, whatever it
/// begins with — so nothing read from input can become a formula in an output.
public final class SheetWriter {
    /// The sheet's name as Excel shows it on its tab.
    public var name: String { record.name }

    let workbook: WorkbookWriter
    let record: SheetRecord
    var worksheet: UnsafeMutablePointer<lxw_worksheet> { record.worksheet }
    /// The columns made editable by `protect`, from `firstRow` down.
    var protection: (unlockedColumns: Set<Int>, firstRow: Int)?
    /// Whether any cell has been written, after which `protect` may no longer be called.
    var hasWrittenCells = false
    /// The lowest row still writable in constant-memory mode.
    private var currentRow = 0

    /// Excel's grid: 1,048,576 rows and 16,384 columns.
    public static let maximumRows = 1_048_576
    public static let maximumColumns = 16_384

    init(workbook: WorkbookWriter, record: SheetRecord) {
        self.workbook = workbook
        self.record = record
    }

    /// Writes `text` as a text cell, never as a formula, even when it begins with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return; an empty string writes a blank cell carrying `style`.
    ///
    /// The text reads back unchanged, except NUL, U+FFFE and U+FFFF, which no xlsx file can hold and which
    /// become U+FFFD (`StoredText`).
    /// Throws when the cell is outside the sheet, behind the current row in constant-memory mode, or the text is
    /// longer than Excel's 32,767 characters. The corresponding C function is `worksheet_write_string`.
    public func write(_ text: String, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        guard !text.isEmpty else { return try writeBlank(row: row, column: column, style: style) }
        let cell = try prepare(row: row, column: column, style: style, doing: "writing text")
        try XlsxWriterError.check(
            worksheet_write_string(worksheet, cell.row, cell.column, StoredText.escape(text), cell.format),
            describe("writing text", row: row, column: column),
            detail: text.utf16.count > 32_767 ? "\(text.utf16.count) characters; Excel keeps at most 32,767" : nil)
        record.record(width: DisplayWidth.of(text), column: column)
    }

    /// Writes an identifier as text with the text number format (`@`), so `0123456` and `2023110101` stay text
    /// in Excel even after a user edits the cell.
    ///
    /// The corresponding C functions are `worksheet_write_string` and `format_set_num_format_index` (49).
    public func writeID(_ id: String, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        try write(id, row: row, column: column, style: style.with(numberFormat: .text))
    }

    /// Writes a number; it must be finite, as Excel has no NaN or infinity.
    ///
    /// The corresponding C function is `worksheet_write_number`.
    public func write(_ number: Double, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        try SheetRules.checkNumber(number, context: describe("writing a number", row: row, column: column))
        let cell = try prepare(row: row, column: column, style: style, doing: "writing a number")
        try XlsxWriterError.check(
            worksheet_write_number(worksheet, cell.row, cell.column, number, cell.format),
            describe("writing a number", row: row, column: column))
        record.record(width: SheetWriter.displayWidth(of: number, format: style.numberFormat), column: column)
    }

    /// Writes a date, or a date and time, as an Excel serial number shown with `yyyy-mm-dd` (or
    /// `yyyy-mm-dd hh:mm` when it has a time) unless `style` names another number format.
    ///
    /// Excel's dates start in 1900, so the year must be 1900–9999. The corresponding C function is
    /// `worksheet_write_datetime`.
    public func write(_ date: CalendarDate, row: Int, column: Int, style: CellStyle = .init())
        throws(XlsxWriterError)
    {
        let context = describe("writing a date", row: row, column: column)
        try SheetRules.checkDate(date, context: context)
        var dated = style
        if dated.numberFormat == .general { dated.numberFormat = date.secondsIntoDay == nil ? .date : .dateTime }
        let cell = try prepare(row: row, column: column, style: dated, doing: "writing a date")
        let seconds = date.secondsIntoDay ?? 0
        var value = lxw_datetime(
            year: Int32(date.year), month: Int32(date.month), day: Int32(date.day), hour: Int32(seconds / 3600),
            min: Int32(seconds / 60 % 60), sec: Double(seconds % 60))
        try XlsxWriterError.check(
            worksheet_write_datetime(worksheet, cell.row, cell.column, &value, cell.format), context)
        record.record(width: date.secondsIntoDay == nil ? 10 : 16, column: column)
    }

    /// Writes an empty cell that carries `style` (a border, a fill, or an unlocked format under protection).
    ///
    /// A blank cell with the default style on a locked column is nothing at all and is skipped. The
    /// corresponding C function is `worksheet_write_blank`.
    public func writeBlank(row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        let cell = try prepare(row: row, column: column, style: style, doing: "writing a blank cell")
        try XlsxWriterError.check(
            worksheet_write_blank(worksheet, cell.row, cell.column, cell.format),
            describe("writing a blank cell", row: row, column: column))
    }

    // MARK: - Shared by the extensions

    /// Checks a cell position, keeps rows in order in constant-memory mode, and finds the cell's format
    /// (unlocked when protection makes its column editable).
    func prepare(row: Int, column: Int, style: CellStyle, doing action: String) throws(XlsxWriterError)
        -> (row: lxw_row_t, column: lxw_col_t, format: UnsafeMutablePointer<lxw_format>?)
    {
        workbook.requireOpen()
        try checkPosition(row: row, column: column, doing: action)
        if workbook.options.constantMemory {
            guard row >= currentRow else {
                throw XlsxWriterError(
                    LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: describe(action, row: row, column: column),
                    detail: "constant-memory mode writes rows in order, and row \(currentRow + 1) was already begun")
            }
            currentRow = row
        }
        var effective = style
        if let protection, protection.unlockedColumns.contains(column), row >= protection.firstRow {
            effective.locked = false
        }
        hasWrittenCells = true
        return (lxw_row_t(row), lxw_col_t(column), try workbook.format(for: effective))
    }

    /// Throws an `outOfRange` error unless the cell lies inside Excel's grid.
    func checkPosition(row: Int, column: Int, doing action: String) throws(XlsxWriterError) {
        try SheetRules.checkPosition(row: row, column: column, doing: action, sheet: name)
    }

    /// `writing text into D7 of sheet "lixiao"`, for error contexts.
    func describe(_ action: String, row: Int, column: Int) -> String {
        "\(action) into \(SheetName.cellReference(row: row, column: column)) of sheet \"\(name)\""
    }

    /// How many character cells a number takes as Excel shows it with `format`, roughly.
    static func displayWidth(of number: Double, format: CellStyle.NumberFormat) -> Int {
        switch format {
        case .decimal(let places):
            return PlainNumber.format(number.rounded(.towardZero)).count + (places > 0 ? places + 1 : 0)
        case .percent(let places):
            return PlainNumber.format((number * 100).rounded(.towardZero)).count + (places > 0 ? places + 2 : 1)
        case .integer:
            return PlainNumber.format(number.rounded()).count
        default:
            return PlainNumber.format(number).count
        }
    }
}
