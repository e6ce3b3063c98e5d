import Glibc

/// Turns a worksheet part's SAX events into rows, one `<row>` at a time, without holding the sheet.
///
/// Handles every cell type OOXML defines (`n`, `s`, `str`, `inlineStr`, `b`, `e`, `d`), formula cells by their
/// cached value, missing `r` attributes (cells and rows then follow their predecessor), and a wrong or absent
/// `<dimension>` (it is never read). Stops at the first refused cell, remembering which.
final class WorksheetHandler: XMLEventHandler {
    private enum ValueType { case number, shared, inline, formulaString, boolean, error, isoDate }
    private enum Collecting { case nothing, value, formula }

    private let sharedStrings: [String]
    private let styles: CellStyles
    private let uses1904: Bool
    private let maxCellCharacters: Int
    private let maxCellBytes: Int
    private let emit: (Row) throws -> Void

    /// Why the parse stopped: a refused cell (`problem`, `cell`) or an error thrown by the row consumer.
    private(set) var problem: SheetError.Problem?
    private(set) var problemCell: String?
    private(set) var consumerError: (any Error)?
    var shouldStop: Bool { problem != nil || consumerError != nil }

    private var rowNumber = 0
    private var cells: [Cell] = []
    private var column = -1
    private var valueType = ValueType.number
    private var styleIndex = 0
    private var value: [UInt8] = []
    private var formula: [UInt8] = []
    private var hasValue = false
    private var hasFormula = false
    private var collecting = Collecting.nothing
    private var inInlineString = false
    private var sawInlineString = false
    private var inPhonetic = false

    init(
        sharedStrings: [String], styles: CellStyles, uses1904: Bool, limits: ReadLimits,
        emit: @escaping (Row) throws -> Void
    ) {
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.uses1904 = uses1904
        self.maxCellCharacters = limits.maxCellCharacters
        self.maxCellBytes = limits.maxCellCharacters * 3 + 3
        self.emit = emit
        value.reserveCapacity(64)
        cells.reserveCapacity(32)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        switch name.bytes[0] {
        case 0x63 where name.is("c"): startCell(attributes)
        case 0x76 where name.is("v"):
            // An inline-string cell reads from its <is> alone, as Excel does; a stray <v> beside it is ignored.
            if !(valueType == .inline && sawInlineString) { collecting = .value; hasValue = true }
        case 0x74 where name.is("t"):
            if inInlineString, !inPhonetic { collecting = .value; hasValue = true }
        case 0x66 where name.is("f"): collecting = .formula; hasFormula = true
        case 0x69 where name.is("is"):
            inInlineString = true
            if valueType == .inline, !sawInlineString { value.removeAll(keepingCapacity: true) }
            sawInlineString = true
        case 0x72 where name.is("row"): startRow(attributes)
        case 0x72 where name.is("rPh"): inPhonetic = true
        default: break
        }
    }

    func endElement(_ name: XMLName) {
        switch name.bytes[0] {
        case 0x63 where name.is("c"): finishCell()
        case 0x76 where name.is("v"), 0x74 where name.is("t"), 0x66 where name.is("f"): collecting = .nothing
        case 0x69 where name.is("is"): inInlineString = false
        case 0x72 where name.is("row"): finishRow()
        case 0x72 where name.is("rPh"): inPhonetic = false
        default: break
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {
        switch collecting {
        case .nothing: return
        case .value:
            value.append(contentsOf: text)
            if value.count > maxCellBytes {
                refuse(.cellTooLong(characters: value.count / 3, limit: maxCellCharacters))
            }
        case .formula:
            if formula.count < 1024 { formula.append(contentsOf: text.prefix(1024 - formula.count)) }
        }
    }

    private func startRow(_ attributes: XMLAttributes) {
        if let bytes = attributes.bytes("r") {
            guard let number = Self.rowNumber(bytes) else {
                return refuse(.cellReferenceOutOfRange(String(decoding: bytes, as: UTF8.self)), at: nil)
            }
            rowNumber = number
        } else {
            rowNumber += 1
            if rowNumber > ReadLimits.maxRows {
                return refuse(.cellReferenceOutOfRange("A\(rowNumber)"), at: nil)
            }
        }
        cells.removeAll(keepingCapacity: true)
        column = -1
    }

    private func startCell(_ attributes: XMLAttributes) {
        if let reference = attributes.bytes("r") {
            guard let parsed = CellReference.parse(reference) else {
                let text = String(decoding: reference, as: UTF8.self)
                return refuse(.cellReferenceOutOfRange(text), at: text)
            }
            column = parsed.column
        } else {
            column += 1
            if column >= ReadLimits.maxColumns {
                return refuse(.cellReferenceOutOfRange(CellReference.name(column: column, row: rowNumber)), at: nil)
            }
        }
        valueType = Self.valueType(attributes.bytes("t"))
        styleIndex = attributes.integer("s") ?? 0
        value.removeAll(keepingCapacity: true)
        formula.removeAll(keepingCapacity: true)
        hasValue = false
        hasFormula = false
        sawInlineString = false
    }

    private func finishCell() {
        collecting = .nothing
        let cell = makeCell()
        guard !shouldStop, !cell.isEmpty else { return }
        if column < cells.count {
            cells[column] = cell
        } else {
            while cells.count < column { cells.append(.empty) }
            cells.append(cell)
        }
    }

    private func finishRow() {
        guard !cells.isEmpty, rowNumber > 0 else { return }
        do {
            try emit(Row(number: rowNumber, cells: cells))
        } catch {
            consumerError = error
        }
        cells.removeAll(keepingCapacity: true)
    }

    private func makeCell() -> Cell {
        // openpyxl writes an empty <v/> for formulas it never calculated: that is no cached value either.
        if !hasValue || (hasFormula && value.isEmpty && valueType != .formulaString) {
            guard hasFormula else { return .empty }
            return .error(.formulaWithoutCachedValue(formula: String(decoding: formula, as: UTF8.self)))
        }
        switch valueType {
        case .number:
            guard let number = parseNumber() else { return .string(String(decoding: value, as: UTF8.self)) }
            switch styles.kind(styleIndex) {
            case .number: return .number(number)
            case .date:
                return SerialDate.date(number, uses1904: uses1904, withTime: false).map(Cell.date) ?? .number(number)
            case .dateTime:
                return SerialDate.date(number, uses1904: uses1904, withTime: true).map(Cell.date) ?? .number(number)
            }
        case .shared:
            if value.isEmpty { return .empty }  // <c t="s"><v></v></c>: an empty cell, as Excel reads it
            guard let index = parseIndex(), index < sharedStrings.count else {
                refuse(.sharedStringOutOfRange(index: parseIndex() ?? -1, count: sharedStrings.count))
                return .empty
            }
            return checkedText(sharedStrings[index])
        case .inline, .formulaString:
            return checkedText(OOXMLText.decode(value))
        case .boolean:
            return .bool(value.first == 0x31 || value.first == 0x74)  // "1" or "true"
        case .error:
            return .error(.stored(String(decoding: value, as: UTF8.self)))
        case .isoDate:
            return Self.isoDate(value).map(Cell.date) ?? .string(String(decoding: value, as: UTF8.self))
        }
    }

    private func checkedText(_ text: String) -> Cell {
        if text.utf8.count > maxCellCharacters {
            let length = text.utf16.count
            if length > maxCellCharacters {
                refuse(.cellTooLong(characters: length, limit: maxCellCharacters))
                return .empty
            }
        }
        return .string(text)
    }

    private func refuse(_ problem: SheetError.Problem, at cell: String? = "") {
        guard self.problem == nil else { return }
        self.problem = problem
        problemCell = cell == "" ? CellReference.name(column: max(column, 0), row: max(rowNumber, 1)) : cell
    }

    private func parseNumber() -> Double? {
        guard !value.isEmpty, value.count < 64 else { return nil }
        value.append(0)
        defer { value.removeLast() }
        return value.withUnsafeBufferPointer { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start -> Double? in
                var end: UnsafeMutablePointer<CChar>?
                let number = strtod(start, &end)
                guard let end, end == UnsafeMutablePointer(mutating: start) + (buffer.count - 1) else { return nil }
                return number
            }
        }
    }

    private func parseIndex() -> Int? {
        guard !value.isEmpty, value.count < 12 else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    private static func rowNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result >= 1 && result <= ReadLimits.maxRows ? result : nil
    }

    private static func valueType(_ bytes: UnsafeBufferPointer<UInt8>?) -> ValueType {
        guard let bytes, let first = bytes.first else { return .number }
        switch (first, bytes.count) {
        case (0x73, 1): return .shared  // s
        case (0x73, 3): return .formulaString  // str
        case (0x69, _): return .inline  // inlineStr
        case (0x62, _): return .boolean  // b
        case (0x65, _): return .error  // e
        case (0x64, _): return .isoDate  // d
        default: return .number  // n
        }
    }

    /// Parses an ISO 8601 date (`2024-09-01` or `2024-09-01T12:00:00`) as stored in `t="d"` cells.
    private static func isoDate(_ bytes: [UInt8]) -> CalendarDate? {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " })
        let date = parts.first?.split(separator: "-").compactMap { Int($0) } ?? []
        guard date.count == 3 else { return nil }
        var seconds: Int?
        if parts.count > 1 {
            let time = parts[1].prefix(8).split(separator: ":").compactMap { Int($0) }
            if time.count >= 2 { seconds = time[0] * 3600 + time[1] * 60 + (time.count > 2 ? time[2] : 0) }
        }
        return CalendarDate(year: date[0], month: date[1], day: date[2], secondsIntoDay: seconds)
    }
}
