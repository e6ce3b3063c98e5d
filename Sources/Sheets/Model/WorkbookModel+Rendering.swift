import Glibc

extension WorkbookModel {
    /// Writes the workbook to `path` through libxlsxwriter: every sheet's operations replayed in order.
    ///
    /// The file is created as `WorkbookWriter` creates it (mode 0600, never through a symbolic link, 0640 once
    /// complete) and removed when writing fails. `temporaryDirectory` is where libxlsxwriter keeps the rows of a
    /// constant-memory workbook while writing.
    public func write(to path: String, temporaryDirectory: String? = nil) throws(XlsxWriterError) {
        let workbook = try WorkbookWriter(
            path: path, options: .init(constantMemory: constantMemory, temporaryDirectory: temporaryDirectory))
        do throws(XlsxWriterError) {
            if let properties { try workbook.setProperties(properties) }
            // Every sheet first, so the hidden drop-down list sheet, made on first need, comes after them all.
            var added: [SheetWriter] = []
            for model in sheets { added.append(try workbook.addSheet(model.name)) }
            for (model, sheet) in zip(sheets, added) {
                for operation in model.operations {
                    try render(operation, into: sheet)
                }
            }
            try workbook.close()
        } catch {
            try? workbook.close()
            unlink(path)
            throw error
        }
    }

    private func render(_ operation: SheetOperation, into sheet: SheetWriter) throws(XlsxWriterError) {
        switch operation {
        case .text(let row, let column, let style, let text), .stampText(let row, let column, let style, let text):
            try sheet.write(text, row: Int(row), column: Int(column), style: styles[Int(style)])
        case .number(let row, let column, let style, let number):
            try sheet.write(number, row: Int(row), column: Int(column), style: styles[Int(style)])
        case .date(let row, let column, let style, let date):
            try sheet.write(date, row: Int(row), column: Int(column), style: styles[Int(style)])
        case .blank(let row, let column, let style):
            try sheet.writeBlank(row: Int(row), column: Int(column), style: styles[Int(style)])
        case .title(let title):
            try sheet.mergeTitle(
                title.text, row: title.row, firstColumn: title.firstColumn, lastColumn: title.lastColumn,
                style: title.style)
        case .protect(let protection):
            sheet.protect(
                password: protection.password, unlockedColumns: Set(protection.unlockedColumns),
                fromRow: protection.firstRow)
        case .columnWidth(let column, let width):
            sheet.setColumnWidth(column, width)
        case .autoFit(let minimum, let maximum):
            sheet.autoFitColumns(minimum: minimum, maximum: maximum)
        case .freezeHeader(let rows):
            sheet.freezeHeader(rows: rows)
        case .autoFilter(let firstRow, let firstColumn, let lastRow, let lastColumn):
            try sheet.autoFilter(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
        case .rowHeight(let row, let height):
            try sheet.setRowHeight(row, height)
        case .printColumns(let columns):
            try sheet.setPrintColumns(columns)
        case .listValidation(let validation):
            try sheet.addListValidation(
                column: validation.column, firstRow: validation.firstRow, lastRow: validation.lastRow,
                values: validation.values,
                prompt: validation.promptTitle.map { ($0, validation.promptMessage ?? "") },
                error: validation.errorTitle.map { ($0, validation.errorMessage ?? "") })
        case .chart(let chart, let row, let column):
            try sheet.insertChart(chart, row: row, column: column)
        case .printSetup(let setup):
            try sheet.printSetup(setup)
        case .landscape:
            sheet.setLandscape()
        case .hide:
            sheet.hide()
        }
    }
}
