internal import CFreeXL

/// Reads a legacy BIFF workbook (`.xls`, as old Excel and WPS save it) through FreeXL.
///
/// FreeXL loads the whole workbook on open; the file-size limit bounds that. Formula cells come back empty
/// from FreeXL (it drops the cached result), which is as close as `.xls` gets to "never evaluated".
final class XlsSource: SheetSource {
    private let handle: UnsafeRawPointer
    private let fileName: String
    let sheets: [SheetInfo]
    let encoding: String

    /// Opens `path`.
    ///
    /// The corresponding C functions are `freexl_open`, `freexl_get_info` and `freexl_get_worksheet_name`.
    init(path: String, fileName: String) throws(SheetError) {
        self.fileName = fileName
        var opened: UnsafeRawPointer?
        let status = freexl_open(path, &opened)
        guard status == FREEXL_OK else {
            if let opened { freexl_close(opened) }
            throw SheetError(file: fileName, problem: Self.problem(FreeXLError(code: status)))
        }
        // FreeXL can answer OK and still hand back no workbook: that is a refusal, never a handle to use.
        guard let handle = opened else {
            throw SheetError(file: fileName, problem: .xls(.rejectedFile))
        }
        self.handle = handle
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK,
            password == UInt32(FREEXL_BIFF_OBFUSCATED)
        {
            freexl_close(handle)
            throw SheetError(file: fileName, problem: .encrypted)
        }
        var codepage: UInt32 = 0
        _ = freexl_get_info(handle, UInt16(FREEXL_BIFF_CODEPAGE), &codepage)
        encoding = Self.encodingName(codepage)
        var count: UInt32 = 0
        _ = freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count)
        var sheets: [SheetInfo] = []
        for index in 0..<min(count, 4096) {
            var name: UnsafePointer<CChar>?
            let nameStatus = freexl_get_worksheet_name(handle, UInt16(index), &name)
            let text = nameStatus == FREEXL_OK ? name.map { String(cString: $0) } : nil
            sheets.append(SheetInfo(name: text ?? "Sheet\(index + 1)"))
        }
        guard !sheets.isEmpty else {
            freexl_close(handle)
            throw SheetError(file: fileName, problem: .noWorksheet)
        }
        self.sheets = sheets
    }

    deinit { freexl_close(handle) }

    /// The corresponding C functions are `freexl_select_active_worksheet`, `freexl_worksheet_dimensions` and
    /// `freexl_get_cell_value`.
    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        let sheetName = sheets[index].name
        func fail(_ status: Int32, cell: String? = nil) -> SheetError {
            SheetError(file: fileName, problem: Self.problem(FreeXLError(code: status)), sheet: sheetName, cell: cell)
        }
        var status = freexl_select_active_worksheet(handle, UInt16(index))
        guard status == FREEXL_OK else { throw fail(status) }
        var rowCount: UInt32 = 0
        var columnCount: UInt16 = 0
        status = freexl_worksheet_dimensions(handle, &rowCount, &columnCount)
        guard status == FREEXL_OK else { throw fail(status) }
        var cells: [Cell] = []
        cells.reserveCapacity(Int(columnCount))
        for row in 0..<rowCount {
            cells.removeAll(keepingCapacity: true)
            for column in 0..<columnCount {
                var value = FreeXL_CellValue()
                status = freexl_get_cell_value(handle, row, column, &value)
                guard status == FREEXL_OK else {
                    throw fail(status, cell: CellReference.name(column: Int(column), row: Int(row) + 1))
                }
                let cell = Self.cell(value)
                if !cell.isEmpty {
                    while cells.count < Int(column) { cells.append(.empty) }
                    cells.append(cell)
                }
            }
            if !cells.isEmpty { try body(Row(number: Int(row) + 1, cells: cells)) }
        }
    }

    private static func cell(_ value: FreeXL_CellValue) -> Cell {
        switch Int32(value.type) {
        case FREEXL_CELL_INT: return .number(Double(value.value.int_value))
        case FREEXL_CELL_DOUBLE: return .number(value.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT:
            return value.value.text_value.map { .string(String(cString: $0)) } ?? .empty
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            guard let text = value.value.text_value.map({ String(cString: $0) }) else { return .empty }
            return calendarDate(text).map(Cell.date) ?? .string(text)
        case FREEXL_CELL_TIME:
            return value.value.text_value.map { .string(String(cString: $0)) } ?? .empty
        default: return .empty
        }
    }

    /// Parses FreeXL's `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.
    private static func calendarDate(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: " ")
        let date = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        guard date.count == 3 else { return nil }
        var seconds: Int?
        if parts.count > 1 {
            let time = parts[1].split(separator: ":").compactMap { Int($0) }
            if time.count == 3 { seconds = time[0] * 3600 + time[1] * 60 + time[2] }
        }
        return CalendarDate(year: date[0], month: date[1], day: date[2], secondsIntoDay: seconds)
    }

    private static func problem(_ error: FreeXLError) -> SheetError.Problem {
        switch error.code {
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR, FREEXL_INVALID_CFBF_HEADER,
            FREEXL_CFBF_INVALID_SIGNATURE:
            .damaged(detail: error.description)
        default: .xls(error)
        }
    }

    private static func encodingName(_ codepage: UInt32) -> String {
        switch Int32(codepage) {
        case FREEXL_BIFF_UTF16LE: "UTF-16LE"
        case FREEXL_BIFF_CP936: "GBK (CP936)"
        case FREEXL_BIFF_CP950: "Big5 (CP950)"
        case FREEXL_BIFF_CP1252: "Windows-1252"
        case 0: "unknown"
        default: "codepage \(codepage)"
        }
    }
}
