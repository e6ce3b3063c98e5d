public import Sheets

/// The look every generated workbook shares, so staff see one family of files.
enum ReportStyle {
    /// A sheet's title row above the header (merged across the table).
    static let title = CellStyle(bold: true, fontSize: 14, horizontalAlignment: .center, verticallyCentered: true)
    /// A note under the title: batch, scope, generation time.
    static let subtitle = CellStyle(italic: true, fontColor: 0x595959)
    /// Column headers.
    static let header = CellStyle(
        bold: true, fillColor: 0xDDEBF7, horizontalAlignment: .center, verticallyCentered: true, wrapsText: true,
        border: .thin)
    /// Headers of the columns staff fill in (办理状态, 办理备注, 确认发证, 签字).
    static let editableHeader = CellStyle(
        bold: true, fillColor: 0xFFF2CC, horizontalAlignment: .center, verticallyCentered: true, wrapsText: true,
        border: .thin)
    /// Plain text cells.
    static let text = CellStyle(border: .thin)
    /// IDs: always text, so `0123456` keeps its zero and Excel never shows 2.02311E+09.
    static let id = CellStyle(border: .thin, numberFormat: .text)
    /// Whole numbers in statistics.
    static let count = CellStyle(border: .thin, numberFormat: .integer)
    /// Percentages in statistics.
    static let percent = CellStyle(border: .thin, numberFormat: .percent(places: 1))
    /// Dates.
    static let date = CellStyle(border: .thin, numberFormat: .date)
    /// The cells staff fill in: unlocked under protection, tinted so they stand out.
    static let editable = CellStyle(fillColor: 0xFFFBEA, border: .thin, numberFormat: .text, locked: false)
    /// Rows that need attention (overdue, post-issuance holds).
    /// The 导出编号 column: small grey text, locked, never taken for a number.
    static let exportCode = CellStyle(fontSize: 8, fontColor: 0x808080, border: .thin, numberFormat: .text)
    /// The 导出编号 column's width: enough to show that it is a code, not to read it.
    static let exportCodeWidth = 14.0
    static let warning = CellStyle(fontColor: 0xC00000, border: .thin)
    /// The same, for ID cells.
    static let warningID = CellStyle(fontColor: 0xC00000, border: .thin, numberFormat: .text)
}

/// The names of the styles generated workbooks share, for model dumps (`WorkbookModel.dump(styleNames:)`).
public enum ReportStyleNames {
    public static let all: [CellStyle: String] = [
        ReportStyle.title: "title", ReportStyle.subtitle: "subtitle", ReportStyle.header: "header",
        ReportStyle.editableHeader: "editable header", ReportStyle.text: "text", ReportStyle.id: "id",
        ReportStyle.count: "count", ReportStyle.percent: "percent", ReportStyle.date: "date",
        ReportStyle.editable: "editable", ReportStyle.exportCode: "export code", ReportStyle.warning: "warning",
        ReportStyle.warningID: "warning id",
    ]
}
