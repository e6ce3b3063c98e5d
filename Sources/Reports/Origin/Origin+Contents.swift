public import Sheets

extension Origin {
    /// The origin embedded in a workbook read whole (see ``read(from:)-(SpreadsheetReader)``), or `nil` when it
    /// has none.
    public static func read(from workbook: WorkbookContents) throws -> Origin? {
        let name = sheetName.lowercased()
        guard let index = workbook.sheets.firstIndex(where: { $0.name.lowercased() == name }) else { return nil }
        return try parse(try workbook.rows(inSheet: index))
    }
}
