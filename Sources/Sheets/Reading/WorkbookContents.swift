/// Everything a dropped file holds, read at once: its sheets and, for each, its rows or the problem that stopped
/// reading that sheet.
///
/// This is what crosses from the isolated reader process to the pipeline (see `encoded()` and
/// `init(decoding:)`): a value, so the process that parsed untrusted bytes can die without taking anything with
/// it. A sheet that cannot be read keeps its problem, so a damaged sheet nobody asks for refuses nothing.
public struct WorkbookContents: Sendable, Equatable {
    public var fileName: String
    public var format: SpreadsheetReader.Format
    public var encoding: String
    public var sheets: [SheetInfo]
    /// One entry per sheet: its non-empty rows in file order, or why it could not be read.
    public var contents: [Result<[Row], SheetError>]

    public init(
        fileName: String, format: SpreadsheetReader.Format, encoding: String, sheets: [SheetInfo],
        contents: [Result<[Row], SheetError>]
    ) {
        self.fileName = fileName
        self.format = format
        self.encoding = encoding
        self.sheets = sheets
        self.contents = contents
    }

    /// Opens `path` and reads every sheet, holding every cell to `limits.maxCellCharacters` whatever the format
    /// (libxlsxwriter, the .xls reader and libcsv each accept longer text; Excel never writes it).
    public static func read(
        path: String, displayName: String? = nil, limits: ReadLimits = .standard
    ) throws(SheetError) -> WorkbookContents {
        let reader = try SpreadsheetReader(path: path, displayName: displayName, limits: limits)
        var contents: [Result<[Row], SheetError>] = []
        for index in reader.sheets.indices {
            var rows: [Row] = []
            var tooLong: SheetError?
            do {
                try reader.forEachRow(inSheet: index) { row in
                    if let column = Self.overLongColumn(row, limit: limits.maxCellCharacters) {
                        guard case .text(let text) = row.cells[column] else { return }
                        tooLong = SheetError(
                            file: reader.fileName,
                            problem: .cellTooLong(characters: text.utf16.count, limit: limits.maxCellCharacters),
                            sheet: reader.sheets[index].name,
                            cell: CellReference.name(column: column, row: row.number))
                        throw StopReading()
                    }
                    rows.append(row)
                }
                contents.append(.success(rows))
            } catch let error as SheetError {
                contents.append(.failure(error))
            } catch is StopReading {
                if let tooLong { contents.append(.failure(tooLong)) }
            } catch {
                contents.append(
                    .failure(SheetError(file: reader.fileName, problem: .unreadable(reason: "\(error)"))))
            }
        }
        return WorkbookContents(
            fileName: reader.fileName, format: reader.format, encoding: reader.encoding, sheets: reader.sheets,
            contents: contents)
    }

    /// The rows of the sheet at `index`; throws the sheet's problem.
    public func rows(inSheet index: Int = 0) throws(SheetError) -> [Row] {
        try contents[index].get()
    }

    /// Streams the rows of the sheet at `index` to `body`; throws the sheet's problem or what `body` throws.
    public func forEachRow(inSheet index: Int = 0, _ body: (Row) throws -> Void) throws {
        for row in try rows(inSheet: index) { try body(row) }
    }

    /// The first column of `row` whose text is longer than `limit` UTF-16 units.
    private static func overLongColumn(_ row: Row, limit: Int) -> Int? {
        for (column, cell) in row.cells.enumerated() {
            // A UTF-8 length within the limit is within it in UTF-16 too: the cheap test first.
            if case .text(let text) = cell, text.utf8.count > limit, text.utf16.count > limit { return column }
        }
        return nil
    }

    private struct StopReading: Error {}
}
