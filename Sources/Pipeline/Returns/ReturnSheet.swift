import Clearance
import Reports
import Sheets

/// A returned sheet read for what a folder may change: its origin, its header and its data rows.
///
/// The first visible sheet whose first ten rows hold the key column (学工号 or an alias) and one of the
/// columns the folder may set is used; hidden sheets (the origin, drop-down lists) are never read as data.
struct ReturnSheet {
    var origin: Origin?
    /// The export code in the notes above the header (`导出编号：LX1|…`), verified; `nil` when there is none.
    var noteCode: Result<ExportCode, ExportCode.Problem>?
    var columns: [Column: Int]
    var headerRow: Int
    var rows: [Row]

    /// Why a whole returned file was refused, in Chinese for the receipt.
    struct Refusal: Error {
        var reason: String
    }

    /// Reads the file `read` returns; `wanted` are the columns the folder may set (any one suffices). `signer`
    /// verifies the origin.
    init(reading read: () throws(SheetError) -> WorkbookContents, wanted: [Column], signer: OriginSigner)
        throws(Refusal)
    {
        let reader: WorkbookContents
        do {
            reader = try read()
        } catch {
            throw Refusal(reason: error.staffMessage)
        }
        do {
            origin = try Origin.read(from: reader, signer: signer)
        } catch {
            throw Refusal(reason: "\(error)")
        }
        for index in reader.sheets.indices where ReturnSheet.isDataSheet(reader.sheets[index]) {
            var rows: [Row] = []
            do {
                try reader.forEachRow(inSheet: index) { rows.append($0) }
            } catch let error as SheetError {
                throw Refusal(reason: error.staffMessage)
            } catch {
                throw Refusal(reason: "\(error)")
            }
            let texts = rows.prefix(10).map { $0.cells.map(TextNormaliser.text) }
            guard let header = HeaderRow.find(in: texts, numbers: rows.prefix(10).map(\.number), key: .id),
                wanted.contains(where: { header.columns[$0] != nil })
            else { continue }
            columns = header.columns
            headerRow = header.rowNumber
            self.rows = rows.filter { $0.number > header.rowNumber }
            noteCode =
                rows.lazy.filter { $0.number < header.rowNumber }.flatMap(\.cells)
                .compactMap { ExportCode.find(in: $0.text, signer: signer) }.first
            return
        }
        let names = wanted.map { "「\($0.header)」" }.joined(separator: "或")
        throw Refusal(reason: "前 10 行中找不到表头：需要「学工号」（或「学号」）列和\(names)列")
    }

    /// Whether a sheet may hold returned data: visible, and not one lixiao writes for itself (legacy .xls files
    /// do not say which sheets are hidden, so the origin and drop-down sheets are also known by name).
    static func isDataSheet(_ sheet: SheetInfo) -> Bool {
        !sheet.isHidden && sheet.name != Origin.sheetName && !sheet.name.hasPrefix("_lists")
    }

    func cell(_ row: Row, _ column: Column) -> Cell? {
        columns[column].map { row[$0] }
    }
}

/// What a row's ID cell names: one person, a range of people, or an error.
enum RowTarget {
    case person(PersonID)
    case range(IDRange)
    case invalid(String)

    init(_ cell: Cell) {
        if case .text(let text) = cell, let range = IDRange(TextNormaliser.trimmed(text)) {
            guard let span = range.span else {
                self = .invalid("学工号范围「\(Quoted.short(text))」无效：两端位数须相同，且从小到大")
                return
            }
            guard span <= IDRange.maximumSpan else {
                self = .invalid("学工号范围「\(Quoted.short(text))」包含 \(span) 个学号，超过 \(IDRange.maximumSpan) 个的上限，请拆成多行")
                return
            }
            self = .range(range)
            return
        }
        switch TextNormaliser.id(cell) {
        case .success(let id): self = .person(PersonID(id))
        case .failure(.empty): self = .invalid("学工号为空")
        case .failure(.notWhole(let text)): self = .invalid("学工号「\(Quoted.short(text))」不是整数")
        case .failure(.tooManyDigits(let text)):
            self = .invalid("学工号「\(Quoted.short(text))」超过 15 位，Excel 无法精确保存为数字，请将该列设为文本格式后重新填写")
        case .failure(.badCharacters(let text)): self = .invalid("学工号「\(Quoted.short(text))」无效")
        case .failure(.tooLong(let text)):
            self = .invalid(FieldLimits.message(column: "学工号", count: text.count, limit: FieldLimits.id))
        }
    }
}
