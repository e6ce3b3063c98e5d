internal import CXlsxWriter

/// How a sheet prints: A4, fitted to the page width, header rows repeated, centred, with optional page text.
public struct PrintSetup: Hashable, Sendable {
    public var landscape: Bool
    /// Shrink columns so that the sheet is one page wide (any number of pages tall).
    public var fitToWidth: Bool
    /// The rows printed at the top of every page (0-based), such as `0...1` for a title and a header.
    public var repeatRows: ClosedRange<Int>?
    /// Plain text centred at the top of every page (`&` is printed as itself).
    public var headerText: String?
    /// Plain text centred at the bottom of every page.
    public var footerText: String?
    /// Whether the footer shows `page / pages` on the right.
    public var pageNumbers: Bool
    public var centeredHorizontally: Bool

    public init(
        landscape: Bool = false, fitToWidth: Bool = true, repeatRows: ClosedRange<Int>? = nil,
        headerText: String? = nil, footerText: String? = nil, pageNumbers: Bool = true,
        centeredHorizontally: Bool = true
    ) {
        self.landscape = landscape
        self.fitToWidth = fitToWidth
        self.repeatRows = repeatRows
        self.headerText = headerText
        self.footerText = footerText
        self.pageNumbers = pageNumbers
        self.centeredHorizontally = centeredHorizontally
    }

    /// Excel's paper code for A4.
    static let paperA4: UInt8 = 9

    /// `text` as Excel header/footer code: `&` doubled so it prints as itself, placed in the centre.
    static func centered(_ text: String) -> String {
        "&C" + text.replacing("&", with: "&&")
    }
}

extension SheetWriter {
    /// Prints the sheet in landscape orientation.
    ///
    /// The corresponding C function is `worksheet_set_landscape`.
    public func setLandscape() {
        workbook.requireOpen()
        worksheet_set_landscape(worksheet)
    }

    /// Applies `setup`: A4 paper always, then its orientation, fitting, repeated rows, page texts and centring.
    ///
    /// Header and footer texts are limited by Excel to 255 characters including the codes added here. The
    /// corresponding C functions are `worksheet_set_paper` (9 = A4), `worksheet_fit_to_pages(ws, 1, 0)`,
    /// `worksheet_repeat_rows`, `worksheet_set_header`, `worksheet_set_footer` and
    /// `worksheet_center_horizontally`.
    public func printSetup(_ setup: PrintSetup) throws(XlsxWriterError) {
        workbook.requireOpen()
        worksheet_set_paper(worksheet, PrintSetup.paperA4)
        if setup.landscape { worksheet_set_landscape(worksheet) } else { worksheet_set_portrait(worksheet) }
        if setup.fitToWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
        if setup.centeredHorizontally { worksheet_center_horizontally(worksheet) }
        if let rows = setup.repeatRows {
            try checkPosition(row: rows.upperBound, column: 0, doing: "repeating rows when printing")
            try checkPosition(row: rows.lowerBound, column: 0, doing: "repeating rows when printing")
            try XlsxWriterError.check(
                worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                "repeating rows \(rows.lowerBound + 1)–\(rows.upperBound + 1) of sheet \"\(name)\" on every page")
        }
        if let header = setup.headerText {
            try XlsxWriterError.check(
                worksheet_set_header(worksheet, PrintSetup.centered(header)),
                "setting the page header of sheet \"\(name)\"")
        }
        if setup.footerText != nil || setup.pageNumbers {
            let footer = (setup.footerText.map(PrintSetup.centered) ?? "") + (setup.pageNumbers ? "&R&P / &N" : "")
            try XlsxWriterError.check(
                worksheet_set_footer(worksheet, footer), "setting the page footer of sheet \"\(name)\"")
        }
    }
}
