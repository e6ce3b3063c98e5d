internal import CXlsxWriter

/// What a sheet accepts, checked alike by `SheetWriter` (while writing a file) and `SheetBuilder` (while building
/// a model), so a model that was built can be written.
enum SheetRules {
    /// Throws an `outOfRange` error unless the cell lies inside Excel's grid.
    static func checkPosition(row: Int, column: Int, doing action: String, sheet: String) throws(XlsxWriterError) {
        guard (0..<SheetWriter.maximumRows).contains(row), (0..<SheetWriter.maximumColumns).contains(column) else {
            throw XlsxWriterError(
                LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, context: "\(action) in sheet \"\(sheet)\"",
                detail: "row \(row), column \(column) (0-based) is outside Excel's 1,048,576 × 16,384 grid")
        }
    }

    /// Throws unless `number` is finite: Excel has no NaN or infinity.
    static func checkNumber(_ number: Double, context: String) throws(XlsxWriterError) {
        guard number.isFinite else {
            throw XlsxWriterError(
                LXW_ERROR_PARAMETER_VALIDATION, context: context, detail: "\(number) is not a finite number")
        }
    }

    /// Throws unless `date` is one Excel can store: years 1900–9999, a real month and day, a time within the day.
    static func checkDate(_ date: CalendarDate, context: String) throws(XlsxWriterError) {
        guard (1900...9999).contains(date.year), (1...12).contains(date.month), (1...31).contains(date.day),
            (0..<86_400).contains(date.secondsIntoDay ?? 0)
        else {
            throw XlsxWriterError(
                LXW_ERROR_PARAMETER_VALIDATION, context: context,
                detail: "\(date) is not a date Excel can store (years 1900–9999)")
        }
    }

    /// Throws unless `chart`, placed at `row`, `column` of `sheet`, has a series and every series' cells lie on a
    /// sheet of the workbook (`hasSheet`) inside the grid.
    static func checkChart(
        _ chart: ChartSpec, row: Int, column: Int, sheet: String, hasSheet: (String) -> Bool
    ) throws(XlsxWriterError) {
        let context = "inserting a \(chart.kind) chart into sheet \"\(sheet)\""
        try checkPosition(row: row, column: column, doing: "inserting a chart", sheet: sheet)
        guard !chart.series.isEmpty else {
            throw XlsxWriterError(LXW_ERROR_PARAMETER_VALIDATION, context: context, detail: "a chart needs a series")
        }
        for series in chart.series {
            guard hasSheet(series.sheetName) else {
                throw XlsxWriterError(
                    LXW_ERROR_PARAMETER_VALIDATION, context: context,
                    detail: "series \"\(series.name)\" refers to sheet \"\(series.sheetName)\", which is not in "
                        + "the workbook")
            }
            for cells in [series.categories, series.values] {
                for row in [cells.rows.upperBound, cells.rows.lowerBound] {
                    try checkPosition(row: row, column: cells.column, doing: "inserting a chart", sheet: sheet)
                }
            }
        }
    }

    /// Traps unless protection may be set: before any cell, once, on columns and a row inside the grid.
    static func checkProtection(
        unlockedColumns: Set<Int>, firstRow: Int, sheet: String, hasWrittenCells: Bool, isProtected: Bool
    ) {
        precondition(!hasWrittenCells, "protect sheet \"\(sheet)\" before writing its cells")
        precondition(!isProtected, "sheet \"\(sheet)\" is already protected")
        precondition(
            unlockedColumns.allSatisfy { (0..<SheetWriter.maximumColumns).contains($0) },
            "an unlocked column is outside the sheet")
        precondition((0..<SheetWriter.maximumRows).contains(firstRow), "row \(firstRow) is outside the sheet")
    }
}
