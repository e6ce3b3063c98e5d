internal import CXlsxWriter

/// Builds a `WorkbookModel` with the calls a `WorkbookWriter` takes, so a builder reads like the file it makes.
///
/// ```swift
/// let workbook = WorkbookBuilder()
/// let sheet = try workbook.addSheet("lixiao")
/// try sheet.writeID("0123456", row: 1, column: 0)
/// let model = workbook.model
/// try model.write(to: "out/导出.xlsx")
/// ```
/// Everything a `WorkbookWriter` would refuse is refused here, with the same error, when it is called: a bad sheet
/// name, a cell outside the grid, text longer than Excel holds, a row behind the current one in constant-memory
/// mode, a chart naming a sheet the workbook lacks. So a model that was built can be written, unless the disk
/// fails. Not thread-safe; the model it makes is a value that is.
public final class WorkbookBuilder {
    private var made: WorkbookModel
    private var styleIndex: [CellStyle: Int32] = [:]
    private var sheetBuilders: [SheetBuilder] = []

    /// A workbook written in constant-memory mode when `constantMemory` is set (rows in order on each sheet).
    public init(constantMemory: Bool = false) {
        made = WorkbookModel(constantMemory: constantMemory)
    }

    /// The workbook built so far, as a value.
    public var model: WorkbookModel {
        var model = made
        model.sheets = sheetBuilders.map(\.sheet)
        return model
    }

    /// Adds a sheet after the existing ones; the name follows `WorkbookWriter.addSheet`'s rules.
    public func addSheet(_ name: String) throws(XlsxWriterError) -> SheetBuilder {
        try SheetName.validate(name, existing: sheetBuilders.map(\.name))
        let sheet = SheetBuilder(workbook: self, name: name)
        sheetBuilders.append(sheet)
        return sheet
    }

    /// Sets the workbook's document properties, replacing any set before.
    public func setProperties(_ properties: DocumentProperties) throws(XlsxWriterError) {
        made.properties = properties
    }

    /// Declares a text that derives from the workbook's stamp (its generation time, an export or check code
    /// computed from its ledger position): digests leave it out wherever it occurs. Empty texts are ignored.
    public func stamp(_ text: String) {
        if !text.isEmpty, !made.stampTexts.contains(text) { made.stampTexts.append(text) }
    }

    /// Declares something the file's stamp texts are computed with, such as the identity of the key that signs
    /// its codes: not written, but part of the digest, so a new key rewrites the file.
    public func depends(on text: String) {
        if !made.dependencies.contains(text) { made.dependencies.append(text) }
    }

    var constantMemory: Bool { made.constantMemory }

    func hasSheet(named name: String) -> Bool {
        sheetBuilders.contains { $0.name.lowercased() == name.lowercased() }
    }

    /// The last few styles looked up, most recent first: a row uses a handful, and comparing a few is cheaper
    /// than hashing a style for every cell.
    private var recentStyles: [(style: CellStyle, index: Int32)] = []

    func style(_ style: CellStyle) -> Int32 {
        if let recent = recentStyles.first(where: { $0.style == style }) { return recent.index }
        let index = lookUp(style)
        if recentStyles.count == 8 { recentStyles.removeLast() }
        recentStyles.insert((style, index), at: 0)
        return index
    }

    private func lookUp(_ style: CellStyle) -> Int32 {
        if let index = styleIndex[style] { return index }
        let index = Int32(made.styles.count)
        made.styles.append(style)
        styleIndex[style] = index
        return index
    }
}

/// One sheet of a `WorkbookBuilder`: the calls of `SheetWriter`, recorded in order.
public final class SheetBuilder {
    /// The sheet's name as Excel shows it on its tab.
    public let name: String
    private unowned let workbook: WorkbookBuilder
    private(set) var sheet: SheetModel
    private var protection: (unlockedColumns: Set<Int>, firstRow: Int)?
    private var hasWrittenCells = false
    private var currentRow = 0

    init(workbook: WorkbookBuilder, name: String) {
        self.workbook = workbook
        self.name = name
        sheet = SheetModel(name: name)
    }

    /// Writes `text` as a text cell (never a formula); an empty string writes a blank cell carrying `style`.
    public func write(_ text: String, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        guard !text.isEmpty else { return try writeBlank(row: row, column: column, style: style) }
        let count = text.utf16.count
        if count > 32_767 {
            throw XlsxWriterError(
                LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED, context: describe("writing text", row: row, column: column),
                detail: "\(count) characters; Excel keeps at most 32,767")
        }
        let index = try prepare(row: row, column: column, style: style, doing: "writing text")
        sheet.operations.append(.text(row: Int32(row), column: Int32(column), style: index, text))
    }

    /// Writes a text that is the stamp itself, such as the ledger position an origin records: written as text,
    /// left out of digests.
    public func writeStamp(_ text: String, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        let index = try prepare(row: row, column: column, style: style, doing: "writing text")
        sheet.operations.append(.stampText(row: Int32(row), column: Int32(column), style: index, text))
    }

    /// Writes an identifier as text with the text number format (`@`), so `0123456` stays text in Excel.
    public func writeID(_ id: String, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        try write(id, row: row, column: column, style: style.with(numberFormat: .text))
    }

    /// Writes a number; it must be finite.
    public func write(_ number: Double, row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        try SheetRules.checkNumber(number, context: describe("writing a number", row: row, column: column))
        let index = try prepare(row: row, column: column, style: style, doing: "writing a number")
        sheet.operations.append(.number(row: Int32(row), column: Int32(column), style: index, number))
    }

    /// Writes a date, or a date and time (years 1900–9999), as `SheetWriter.write(_:row:column:style:)` does.
    public func write(_ date: CalendarDate, row: Int, column: Int, style: CellStyle = .init())
        throws(XlsxWriterError)
    {
        try SheetRules.checkDate(date, context: describe("writing a date", row: row, column: column))
        let index = try prepare(row: row, column: column, style: style, doing: "writing a date")
        sheet.operations.append(.date(row: Int32(row), column: Int32(column), style: index, date))
    }

    /// Writes an empty cell that carries `style`.
    public func writeBlank(row: Int, column: Int, style: CellStyle = .init()) throws(XlsxWriterError) {
        let index = try prepare(row: row, column: column, style: style, doing: "writing a blank cell")
        sheet.operations.append(.blank(row: Int32(row), column: Int32(column), style: index))
    }

    /// Sets a column's width in Excel's units; wins over `autoFitColumns` for that column.
    public func setColumnWidth(_ column: Int, _ width: Double) {
        precondition((0..<SheetWriter.maximumColumns).contains(column), "column \(column) is outside the sheet")
        precondition((0...255).contains(width), "a column width is between 0 and 255, not \(width)")
        sheet.operations.append(.columnWidth(column: column, width: width))
    }

    /// Sizes every column from the widest value written into it, kept between `minimum` and `maximum`.
    public func autoFitColumns(minimum: Double = 6, maximum: Double = 60) {
        precondition(0 <= minimum && minimum <= maximum && maximum <= 255, "bad width bounds \(minimum)...\(maximum)")
        sheet.operations.append(.autoFit(minimum: minimum, maximum: maximum))
    }

    /// Freezes the top `rows` rows.
    public func freezeHeader(rows: Int = 1) {
        precondition((0..<SheetWriter.maximumRows).contains(rows), "cannot freeze \(rows) rows")
        sheet.operations.append(.freezeHeader(rows: rows))
    }

    /// Adds filter buttons to the header row `firstRow` over the given columns, filtering down to `lastRow`.
    public func autoFilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws(XlsxWriterError) {
        try checkPosition(row: firstRow, column: firstColumn, doing: "adding an auto filter")
        try checkPosition(row: lastRow, column: lastColumn, doing: "adding an auto filter")
        sheet.operations.append(
            .autoFilter(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn))
    }

    /// Writes a title as text across `firstColumn...lastColumn` of `row`, merged into one cell.
    public func mergeTitle(
        _ text: String, row: Int, firstColumn: Int, lastColumn: Int,
        style: CellStyle = CellStyle(bold: true, fontSize: 14, horizontalAlignment: .center, verticallyCentered: true)
    ) throws(XlsxWriterError) {
        precondition(firstColumn <= lastColumn, "a title spans firstColumn...lastColumn")
        try checkPosition(row: row, column: lastColumn, doing: "writing a merged title")
        try checkPosition(row: row, column: firstColumn, doing: "writing a merged title")
        try checkOrder(row: row, doing: "writing a merged title", column: firstColumn)
        hasWrittenCells = true
        sheet.operations.append(
            .title(MergedTitle(text: text, row: row, firstColumn: firstColumn, lastColumn: lastColumn, style: style)))
    }

    /// Hides the sheet.
    public func hide() {
        sheet.operations.append(.hide)
    }

    /// Protects the sheet so that only `unlockedColumns`, from `firstRow` down, can be edited; call it before
    /// writing any cell.
    public func protect(password: String? = nil, unlockedColumns: Set<Int>, fromRow firstRow: Int = 0) {
        SheetRules.checkProtection(
            unlockedColumns: unlockedColumns, firstRow: firstRow, sheet: name, hasWrittenCells: hasWrittenCells,
            isProtected: protection != nil)
        protection = (unlockedColumns, firstRow)
        sheet.operations.append(
            .protect(
                ProtectionSpec(
                    password: password.flatMap { $0.isEmpty ? nil : $0 }, unlockedColumns: unlockedColumns.sorted(),
                    firstRow: firstRow)))
    }

    /// Sets a row's height in points.
    public func setRowHeight(_ row: Int, _ height: Double) throws(XlsxWriterError) {
        try checkPosition(row: row, column: 0, doing: "setting a row height")
        precondition((0...409).contains(height), "a row height is between 0 and 409 points, not \(height)")
        sheet.operations.append(.rowHeight(row: row, height: height))
    }

    /// Limits printing to a block of columns (all rows).
    public func setPrintColumns(_ columns: ClosedRange<Int>) throws(XlsxWriterError) {
        try checkPosition(row: 0, column: columns.upperBound, doing: "setting the print area")
        sheet.operations.append(.printColumns(columns))
    }

    /// Adds a drop-down of `values` to `column`, rows `firstRow...lastRow`.
    public func addListValidation(
        column: Int, firstRow: Int, lastRow: Int, values: [String],
        prompt: (title: String, message: String)? = nil,
        error: (title: String, message: String)? = nil
    ) throws(XlsxWriterError) {
        try checkPosition(row: firstRow, column: column, doing: "adding a drop-down")
        try checkPosition(row: lastRow, column: column, doing: "adding a drop-down")
        guard firstRow <= lastRow, !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw XlsxWriterError(
                LXW_ERROR_PARAMETER_VALIDATION,
                context: "adding a drop-down to column \(SheetName.columnLetters(column)) of sheet \"\(name)\"",
                detail: "a drop-down needs at least one value, none empty, over rows firstRow...lastRow")
        }
        sheet.operations.append(
            .listValidation(
                ListValidation(
                    column: column, firstRow: firstRow, lastRow: lastRow, values: values, promptTitle: prompt?.title,
                    promptMessage: prompt?.message, errorTitle: error?.title, errorMessage: error?.message)))
    }

    /// Inserts `chart` with its top-left corner in the cell at `row`, `column`.
    public func insertChart(_ chart: ChartSpec, row: Int, column: Int) throws(XlsxWriterError) {
        try SheetRules.checkChart(chart, row: row, column: column, sheet: name) { workbook.hasSheet(named: $0) }
        sheet.operations.append(.chart(chart, row: row, column: column))
    }

    /// Prints the sheet in landscape orientation.
    public func setLandscape() {
        sheet.operations.append(.landscape)
    }

    /// A4 paper, orientation, fitting, repeated rows, page texts and centring.
    public func printSetup(_ setup: PrintSetup) throws(XlsxWriterError) {
        if let rows = setup.repeatRows {
            try checkPosition(row: rows.upperBound, column: 0, doing: "repeating rows when printing")
        }
        sheet.operations.append(.printSetup(setup))
    }

    // MARK: - Private

    private func prepare(row: Int, column: Int, style: CellStyle, doing action: String) throws(XlsxWriterError)
        -> Int32
    {
        try checkPosition(row: row, column: column, doing: action)
        try checkOrder(row: row, doing: action, column: column)
        hasWrittenCells = true
        return workbook.style(style)
    }

    private func checkOrder(row: Int, doing action: String, column: Int) throws(XlsxWriterError) {
        guard workbook.constantMemory else { return }
        guard row >= currentRow else {
            throw XlsxWriterError(
                LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: describe(action, row: row, column: column),
                detail: "constant-memory mode writes rows in order, and row \(currentRow + 1) was already begun")
        }
        currentRow = row
    }

    private func checkPosition(row: Int, column: Int, doing action: String) throws(XlsxWriterError) {
        try SheetRules.checkPosition(row: row, column: column, doing: action, sheet: name)
    }

    private func describe(_ action: String, row: Int, column: Int) -> String {
        "\(action) into \(SheetName.cellReference(row: row, column: column)) of sheet \"\(name)\""
    }
}

extension ChartSeries {
    /// A series whose cells lie on `sheet`.
    public init(
        name: String, sheet: SheetBuilder, categories: ColumnCells, values: ColumnCells, color: UInt32? = nil,
        pointColors: [UInt32] = []
    ) {
        self.init(
            name: name, sheetName: sheet.name, categories: categories, values: values, color: color,
            pointColors: pointColors)
    }
}
