import Sheets

/// One blank template: its data sheet's columns and its 填写说明 sheet's lines, and how both are written.
///
/// The data sheet comes first (intake reads the first sheet) with the header in row 1, required headers tinted
/// like the cells staff fill in, the header frozen and filtered, drop-downs and the text number format on the
/// first `rowCount` data rows, and A4 landscape printing. The 填写说明 sheet follows; the hidden `_lists` sheet,
/// when a drop-down is too long to be literal, comes last.
struct TemplateSheet {
    struct Column {
        var header: String
        var required = false
        /// Pre-formats the column's cells as text (`@`), so IDs typed in keep their leading zeros.
        var isText = false
        /// The drop-down's values; empty for free text.
        var choices: [String] = []
        var width: Double = 14
    }

    var sheetName: String
    /// The workbook title shown under File › Info.
    var title: String
    var columns: [Column]
    /// The 填写说明 lines: a topic, then what to know about it.
    var instructions: [(topic: String, text: String)]

    /// How many data rows get drop-downs and the text format.
    static let rowCount = 2_000

    /// Writes the template to `path` (the caller publishes it); `company` is the university's name.
    func model(company: String) throws -> WorkbookModel {
        let workbook = WorkbookBuilder()
        try workbook.setProperties(
            DocumentProperties(
                title: title, subject: TemplateText.subject, author: "lixiao", company: company,
                category: TemplateText.category))
        let data = try workbook.addSheet(sheetName)
        let guide = try workbook.addSheet(TemplateText.instructionsSheet)
        try writeData(into: data)
        try writeInstructions(into: guide)
        return workbook.model
    }

    private func writeData(into sheet: SheetBuilder) throws(XlsxWriterError) {
        let lastRow = TemplateSheet.rowCount
        for (index, column) in columns.enumerated() {
            let style = column.required ? ReportStyle.editableHeader : ReportStyle.header
            try sheet.write(column.header, row: 0, column: index, style: style)
            sheet.setColumnWidth(index, column.width)
        }
        let textCell = CellStyle(numberFormat: .text)
        let textColumns = columns.indices.filter { columns[$0].isText }
        for row in 1...lastRow {
            for column in textColumns { try sheet.writeBlank(row: row, column: column, style: textCell) }
        }
        for (index, column) in columns.enumerated() {
            guard !column.choices.isEmpty else { continue }
            try sheet.addListValidation(
                column: index, firstRow: 1, lastRow: lastRow, values: column.choices,
                prompt: (column.header, TemplateText.choosePrompt),
                error: (TemplateText.invalidTitle(column.header), TemplateText.chooseError))
        }
        sheet.freezeHeader(rows: 1)
        try sheet.autoFilter(firstRow: 0, firstColumn: 0, lastRow: lastRow, lastColumn: columns.count - 1)
        try sheet.printSetup(PrintSetup(landscape: true, repeatRows: 0...0, headerText: title))
    }

    private func writeInstructions(into sheet: SheetBuilder) throws(XlsxWriterError) {
        try sheet.mergeTitle(
            TemplateText.instructionsTitle(title), row: 0, firstColumn: 0, lastColumn: 1, style: ReportStyle.title)
        let topic = CellStyle(bold: true, fillColor: 0xF2F2F2, verticallyCentered: true, border: .thin)
        let text = CellStyle(verticallyCentered: true, wrapsText: true, border: .thin)
        for (offset, line) in instructions.enumerated() {
            try sheet.write(line.topic, row: offset + 2, column: 0, style: topic)
            try sheet.write(line.text, row: offset + 2, column: 1, style: text)
        }
        sheet.setColumnWidth(0, 14)
        sheet.setColumnWidth(1, 110)
        try sheet.printSetup(PrintSetup(landscape: true))
    }
}
