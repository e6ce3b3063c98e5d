/// Reads the cell records of one worksheet substream ([MS-XLS] 2.1.7.20.5), from its `BOF` to its `EOF`.
///
/// Substreams nested inside (an embedded chart's `BOF` … `EOF`) are stepped over. A formula's cached result is
/// its value: a number in the record itself, or text in the `STRING` record that follows; a formula whose
/// text result never arrives reads as an error cell saying so, never as empty.
enum XlsSheetCells {
    private enum RecordID {
        static let bof = 0x0809
        static let eof = 0x000A
        static let labelSST = 0x00FD
        static let label = 0x0204
        static let richString = 0x00D6
        static let number = 0x0203
        static let rk = 0x027E
        static let mulRK = 0x00BD
        static let boolErr = 0x0205
        static let formula = 0x0006
        static let string = 0x0207
        static let continuation = 0x003C
    }

    /// The most cell records one sheet may hold: BIFF8's whole grid.
    static let maxCells = 65_536 * 256

    static func read(workbook: XlsWorkbook, offset: Int, limits: ReadLimits) throws(SheetError.Problem) -> [SheetCell] {
        let stream = workbook.stream
        guard let first = stream.record(at: offset), first.id == RecordID.bof else {
            throw .damaged(detail: "a sheet's position points at no BOF record")
        }
        var cells: [SheetCell] = []
        var depth = 1
        var cursor = first.end
        var order = 0
        // A text formula waiting for its STRING record.
        var pendingFormula: (row: Int, column: Int)?

        func add(_ row: Int, _ column: Int, _ value: Cell) throws(SheetError.Problem) {
            guard !value.isEmpty else { return }
            guard column < ReadLimits.maxColumns else {
                throw .cellReferenceOutOfRange(CellReference.name(column: column, row: row + 1))
            }
            guard cells.count < maxCells else { throw .damaged(detail: "more cell records than the grid has cells") }
            order += 1
            cells.append(SheetCell(row: row, column: column, order: order, value: value))
        }
        func number(_ value: Double, xf: Int) -> Cell {
            switch workbook.styles.kind(xf) {
            case .number: .number(value)
            case .date:
                SerialDate.date(value, uses1904: workbook.uses1904, withTime: false).map(Cell.date) ?? .number(value)
            case .dateTime:
                SerialDate.date(value, uses1904: workbook.uses1904, withTime: true).map(Cell.date) ?? .number(value)
            }
        }
        func text(_ result: ContinuedReader.StringResult, row: Int, column: Int) throws(SheetError.Problem) -> Cell {
            switch result {
            case .text(let units): return .string(String(decoding: units, as: UTF16.self))
            case .tooLong(let count): throw .cellTooLong(characters: count, limit: limits.maxCellCharacters)
            case .truncated:
                throw .damaged(
                    detail: "the text of cell \(CellReference.name(column: column, row: row + 1)) is cut short")
            }
        }
        /// An `XLUnicodeString` in BIFF8; in BIFF5 a 16-bit count and codepage bytes.
        func string(_ reader: inout ContinuedReader) -> ContinuedReader.StringResult {
            guard workbook.isBiff5 else { return reader.unicodeString(rich: false, limit: limits.maxCellCharacters) }
            guard let count = reader.u16() else { return .truncated }
            guard count <= limits.maxCellCharacters else { return .tooLong(count) }
            guard let bytes = reader.bytes(count) else { return .truncated }
            return .text(Array(workbook.decode(bytes).utf16))
        }
        /// The spans of the record at `record` and the CONTINUE records after it; moves `cursor` past them.
        func continued(_ record: BiffStream.Record) -> [(start: Int, end: Int)] {
            var spans = [(start: record.start, end: record.end)]
            while let next = stream.record(at: cursor), next.id == RecordID.continuation {
                spans.append((next.start, next.end))
                cursor = next.end
            }
            return spans
        }

        while let record = stream.record(at: cursor) {
            cursor = record.end
            if record.id == RecordID.bof {
                depth += 1
                continue
            }
            if record.id == RecordID.eof {
                depth -= 1
                if depth == 0 { break }
                continue
            }
            guard depth == 1 else { continue }
            let row = stream.u16(record.start)
            let column = stream.u16(record.start + 2)
            let xf = stream.u16(record.start + 4)
            if record.id != RecordID.string, record.id != RecordID.continuation, let pending = pendingFormula,
                [
                    RecordID.labelSST, RecordID.label, RecordID.number, RecordID.rk, RecordID.mulRK, RecordID.boolErr,
                    RecordID.formula, RecordID.richString,
                ].contains(record.id)
            {
                try add(pending.row, pending.column, .error(.formulaWithoutCachedValue(formula: "")))
                pendingFormula = nil
            }
            switch record.id {
            case RecordID.labelSST:
                guard record.length >= 10 else { continue }
                let index = stream.u32(record.start + 6)
                guard index < workbook.sharedStrings.count else {
                    throw .sharedStringOutOfRange(index: index, count: workbook.sharedStrings.count)
                }
                try add(row, column, .string(workbook.sharedStrings[index]))
            case RecordID.label, RecordID.richString:
                guard record.length >= 8 else { continue }
                var reader = ContinuedReader(stream: stream, spans: continued(record), skipping: 6)
                let value = string(&reader)
                try add(row, column, try text(value, row: row, column: column))
            case RecordID.number:
                guard record.length >= 14 else { continue }
                try add(row, column, number(stream.f64(record.start + 6), xf: xf))
            case RecordID.rk:
                guard record.length >= 10 else { continue }
                try add(row, column, number(BiffStream.rk(stream.u32(record.start + 6)), xf: xf))
            case RecordID.mulRK:
                // rw, colFirst, then (ixfe, RK) six bytes each, then colLast.
                let count = (record.length - 6) / 6
                guard count > 0 else { continue }
                for index in 0..<count {
                    let base = record.start + 4 + index * 6
                    try add(row, column + index, number(BiffStream.rk(stream.u32(base + 2)), xf: stream.u16(base)))
                }
            case RecordID.boolErr:
                guard record.length >= 8 else { continue }
                let value = stream.u8(record.start + 6)
                let isError = stream.u8(record.start + 7) != 0
                try add(row, column, isError ? .error(.stored(Self.errorText(value))) : .bool(value != 0))
            case RecordID.formula:
                guard record.length >= 20 else { continue }
                let result = record.start + 6
                guard stream.u16(result + 6) == 0xFFFF else {
                    try add(row, column, number(stream.f64(result), xf: xf))
                    continue
                }
                switch stream.u8(result) {
                case 0: pendingFormula = (row, column)  // text: in the STRING record that follows
                case 1: try add(row, column, .bool(stream.u8(result + 2) != 0))
                case 2: try add(row, column, .error(.stored(Self.errorText(stream.u8(result + 2)))))
                default: break  // 3: an empty text result, an empty cell
                }
            case RecordID.string:
                guard let pending = pendingFormula else { continue }
                pendingFormula = nil
                var reader = ContinuedReader(stream: stream, spans: continued(record))
                let value = string(&reader)
                try add(pending.row, pending.column, try text(value, row: pending.row, column: pending.column))
            default: break
            }
        }
        if let pending = pendingFormula {
            try add(pending.row, pending.column, .error(.formulaWithoutCachedValue(formula: "")))
        }
        return cells
    }

    /// An error value's text ([MS-XLS] 2.5.10 BErr).
    static func errorText(_ code: Int) -> String {
        switch code {
        case 0x00: "#NULL!"
        case 0x07: "#DIV/0!"
        case 0x0F: "#VALUE!"
        case 0x17: "#REF!"
        case 0x1D: "#NAME?"
        case 0x24: "#NUM!"
        case 0x2A: "#N/A"
        case 0x2B: "#GETTING_DATA"
        default: "#ERR\(code)"
        }
    }
}
