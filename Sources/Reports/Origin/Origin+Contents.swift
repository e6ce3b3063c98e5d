public import Sheets

extension Origin {
    /// The origin embedded in a workbook read whole (as the isolated reader returns it), or `nil` when it has
    /// none; `signer` verifies its check code (see ``read(from:signer:)-(SpreadsheetReader,_)``).
    public static func read(from workbook: WorkbookContents, signer: OriginSigner) throws -> Origin? {
        let name = sheetName.lowercased()
        guard let index = workbook.sheets.firstIndex(where: { $0.name.lowercased() == name }) else { return nil }
        return try parse(try workbook.rows(inSheet: index), signer: signer)
    }
}
