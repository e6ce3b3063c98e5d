/// Reads a legacy BIFF8 workbook (`.xls`, as Excel 97–2003, WPS, LibreOffice and Gnumeric save it).
///
/// Written in the project from [MS-CFB] and [MS-XLS] (see the README's "Decisions"): the compound file's
/// `Workbook` stream is copied out, its globals parsed once, and a sheet's cell records (`LABELSST`, `LABEL`,
/// `NUMBER`, `RK`, `MULRK`, `BOOLERR`, `FORMULA` with its cached result and the `STRING` after it) are read
/// when the sheet is asked for. A formula cell reads as the value the writing program stored with it, as
/// Excel shows it; numbers whose format is a date read as dates.
final class XlsSource: SheetSource {
    private let workbook: XlsWorkbook
    private let fileName: String
    private let limits: ReadLimits
    let sheets: [SheetInfo]
    var encoding: String { workbook.encodingName }

    /// Parses the compound file in `bytes` and the workbook's globals.
    init(bytes: UnsafeRawBufferPointer, fileName: String, limits: ReadLimits) throws(SheetError) {
        self.fileName = fileName
        self.limits = limits
        do throws(SheetError.Problem) {
            let container = try CompoundFile(bytes)
            guard let stream = try container.stream(named: ["Workbook", "Book"]) else {
                throw .damaged(detail: "no Excel workbook stream inside the compound file")
            }
            workbook = try XlsWorkbook(stream: stream, limits: limits)
        } catch {
            throw SheetError(file: fileName, problem: error)
        }
        sheets = workbook.sheets.map { SheetInfo(name: $0.name, isHidden: $0.isHidden) }
    }

    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        let sheet = workbook.sheets[index]
        var cells: [SheetCell] = []
        do throws(SheetError.Problem) {
            cells = try XlsSheetCells.read(workbook: workbook, offset: sheet.offset, limits: limits)
        } catch {
            throw SheetError(file: fileName, problem: error, sheet: sheet.name)
        }
        // Records come in row order from every known writer; sorting keeps odd files right all the same.
        cells.sort { ($0.row, $0.column, $0.order) < ($1.row, $1.column, $1.order) }
        var row: [Cell] = []
        var rowNumber = -1
        for cell in cells {
            if cell.row != rowNumber {
                if !row.isEmpty { try body(Row(number: rowNumber + 1, cells: row)) }
                row.removeAll(keepingCapacity: true)
                rowNumber = cell.row
            }
            while row.count < cell.column { row.append(.empty) }
            if row.count == cell.column { row.append(cell.value) } else { row[cell.column] = cell.value }
        }
        if !row.isEmpty { try body(Row(number: rowNumber + 1, cells: row)) }
    }
}

/// One cell found in a sheet's records, in file order.
struct SheetCell {
    var row: Int
    var column: Int
    /// The record's position, so a later record for the same cell wins.
    var order: Int
    var value: Cell
}
