/// A compact binary form of `WorkbookContents`, for the pipe between the isolated reader process and lixiao.
///
/// Little-endian, length-prefixed, versioned by a magic prefix. The decoder trusts nothing: every length is
/// checked against what is left, so a reader process that was killed mid-write yields an error, never a crash.
extension WorkbookContents {
    static let magic: [UInt8] = Array("LXWB1\n".utf8)

    /// The bytes of this value.
    public func encoded() -> [UInt8] {
        var out = BinaryWriter()
        out.bytes(Self.magic)
        out.text(fileName)
        out.text(format.rawValue)
        out.text(encoding)
        out.integer(sheets.count)
        for (sheet, content) in zip(sheets, contents) {
            out.text(sheet.name)
            out.byte(sheet.isHidden ? 1 : 0)
            switch content {
            case .success(let rows):
                out.byte(0)
                out.integer(rows.count)
                for row in rows {
                    out.integer(row.number)
                    out.integer(row.cells.count)
                    for cell in row.cells { out.cell(cell) }
                }
            case .failure(let error):
                out.byte(1)
                out.error(error)
            }
        }
        return out.buffer
    }

    /// The bytes of a refusal of the whole file, for the reader process to send instead of contents.
    public static func encodedRefusal(_ error: SheetError) -> [UInt8] {
        var out = BinaryWriter()
        out.bytes(Array("LXWE1\n".utf8))
        out.error(error)
        return out.buffer
    }

    /// Decodes what `encoded()` or `encodedRefusal(_:)` wrote: the contents, or throws the refusal it carries.
    /// Bytes that are neither throw `SheetError` with `.readerFailed`.
    public static func decode(_ bytes: [UInt8], fileName: String) throws(SheetError) -> WorkbookContents {
        var input = BinaryReader(bytes: bytes)
        let broken = SheetError(file: fileName, problem: .readerFailed(reason: .incompleteAnswer))
        guard let head = input.bytes(6) else { throw broken }
        if head == Array("LXWE1\n".utf8) {
            guard let error = input.error() else { throw broken }
            throw error
        }
        guard head == magic, let name = input.text(), let formatText = input.text(),
            let format = SpreadsheetReader.Format(rawValue: formatText), let encoding = input.text(),
            let count = input.integer()
        else { throw broken }
        var sheets: [SheetInfo] = []
        var contents: [Result<[Row], SheetError>] = []
        for _ in 0..<count {
            guard let sheetName = input.text(), let hidden = input.byte(), let kind = input.byte() else { throw broken }
            sheets.append(SheetInfo(name: sheetName, isHidden: hidden == 1))
            if kind == 1 {
                guard let error = input.error() else { throw broken }
                contents.append(.failure(error))
                continue
            }
            guard let rowCount = input.integer() else { throw broken }
            var rows: [Row] = []
            rows.reserveCapacity(min(rowCount, 1 << 20))
            for _ in 0..<rowCount {
                guard let number = input.integer(), let cellCount = input.integer() else { throw broken }
                var cells: [Cell] = []
                cells.reserveCapacity(min(cellCount, ReadLimits.maxColumns))
                for _ in 0..<cellCount {
                    guard let cell = input.cell() else { throw broken }
                    cells.append(cell)
                }
                rows.append(Row(number: number, cells: cells))
            }
            contents.append(.success(rows))
        }
        guard input.isAtEnd else { throw broken }
        return WorkbookContents(
            fileName: name, format: format, encoding: encoding, sheets: sheets, contents: contents)
    }
}

private struct BinaryWriter {
    var buffer: [UInt8] = []

    mutating func bytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func byte(_ value: UInt8) { buffer.append(value) }

    mutating func integer(_ value: Int) {
        var bits = UInt64(bitPattern: Int64(value)).littleEndian
        withUnsafeBytes(of: &bits) { buffer.append(contentsOf: $0) }
    }

    mutating func text(_ value: String) {
        integer(value.utf8.count)
        buffer.append(contentsOf: value.utf8)
    }

    mutating func cell(_ cell: Cell) {
        switch cell {
        case .empty: byte(0)
        case .text(let text):
            byte(1)
            self.text(text)
        case .number(let value):
            byte(2)
            integer(Int(Int64(bitPattern: value.bitPattern)))
        case .bool(let value):
            byte(3)
            byte(value ? 1 : 0)
        case .date(let date):
            byte(4)
            integer(date.year)
            integer(date.month)
            integer(date.day)
            integer(date.secondsIntoDay ?? -1)
        case .error(.stored(let text)):
            byte(5)
            self.text(text)
        case .error(.formulaWithoutCachedValue(let formula)):
            byte(6)
            self.text(formula)
        }
    }

    /// A sheet error travels as its place and its two messages; the receiving side rebuilds it as `.relayed`.
    mutating func error(_ error: SheetError) {
        text(error.file)
        text(error.sheet ?? "")
        text(error.cell ?? "")
        text(error.problem.english)
        text(error.problem.chinese)
    }
}

private struct BinaryReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer() -> Int? {
        guard bytes.count - offset >= 8 else { return nil }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Int(Int64(bitPattern: bits))
    }

    mutating func text() -> String? {
        guard let count = integer(), count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    mutating func cell() -> Cell? {
        switch byte() {
        case 0: return .empty
        case 1: return text().map(Cell.text)
        case 2: return integer().map { .number(Double(bitPattern: UInt64(bitPattern: Int64($0)))) }
        case 3: return byte().map { .bool($0 == 1) }
        case 4:
            guard let year = integer(), let month = integer(), let day = integer(), let seconds = integer() else {
                return nil
            }
            return .date(CalendarDate(year: year, month: month, day: day, secondsIntoDay: seconds < 0 ? nil : seconds))
        case 5: return text().map { .error(.stored($0)) }
        case 6: return text().map { .error(.formulaWithoutCachedValue(formula: $0)) }
        default: return nil
        }
    }

    mutating func error() -> SheetError? {
        guard let file = text(), let sheet = text(), let cell = text(), let english = text(), let chinese = text()
        else { return nil }
        return SheetError(
            file: file, problem: .relayed(english: english, chinese: chinese), sheet: sheet.isEmpty ? nil : sheet,
            cell: cell.isEmpty ? nil : cell)
    }
}
