/// A BIFF8 workbook's globals ([MS-XLS] 2.1.7.20.1): sheets, shared strings, formats and the date system.
///
/// Built from the `Workbook` stream in one bounded pass. BIFF5/BIFF7 (Excel 5.0 and 95, the `Book` stream) is
/// read too: the same cell records, but text as bytes in the workbook's codepage and no shared strings. Older
/// formats (BIFF2–BIFF4) are refused as such; a `FILEPASS` record means the workbook is encrypted.
struct XlsWorkbook {
    struct Sheet {
        var name: String
        var isHidden: Bool
        /// Where the sheet's `BOF` record starts in the stream.
        var offset: Int
    }

    let stream: BiffStream
    private(set) var sheets: [Sheet] = []
    private(set) var sharedStrings: [String] = []
    private(set) var styles = CellStyles()
    private(set) var uses1904 = false
    private(set) var codepage = 0
    /// Whether this is BIFF5/BIFF7 (Excel 5.0/95), whose text is codepage bytes rather than UTF-16.
    private(set) var isBiff5 = false

    private enum RecordID {
        static let bof = 0x0809
        static let eof = 0x000A
        static let filePass = 0x002F
        static let codepage = 0x0042
        static let dateMode = 0x0022
        static let boundSheet = 0x0085
        static let format = 0x041E
        static let extendedFormat = 0x00E0
        static let sharedStrings = 0x00FC
        static let continuation = 0x003C
    }

    init(stream bytes: [UInt8], limits: ReadLimits) throws(SheetError.Problem) {
        stream = BiffStream(bytes: bytes)
        guard let first = stream.record(at: 0) else { throw .damaged(detail: "the workbook stream is empty") }
        switch first.id {
        case RecordID.bof:
            let version = stream.u16(first.start)
            isBiff5 = version == 0x0500
            guard isBiff5 || version == 0x0600 || first.length >= 16 else { throw .excel95Format }
        case 0x0009, 0x0209, 0x0409: throw .excel95Format  // BIFF2–BIFF4 beginnings
        default: throw .damaged(detail: "the workbook stream does not begin with a BOF record")
        }

        var formats: [Int: String] = [:]
        var formatIDs: [Int] = []
        var offset = first.end
        while let record = stream.record(at: offset) {
            offset = record.end
            switch record.id {
            case RecordID.eof: break
            case RecordID.filePass: throw .encrypted
            case RecordID.codepage: codepage = stream.u16(record.start)
            case RecordID.dateMode: uses1904 = stream.u16(record.start) == 1
            case RecordID.boundSheet:
                guard record.length >= 8 else { continue }
                let kind = stream.u8(record.start + 5)
                var text = ContinuedReader(stream: stream, spans: [(record.start + 6, record.end)])
                guard kind == 0, let count = text.u8() else { continue }  // worksheets only, not charts or macros
                var name = ""
                if isBiff5 {
                    name = text.bytes(count).map(decode) ?? ""
                } else if case .text(let units) = Self.characters(&text, count: count) {
                    name = String(decoding: units, as: UTF16.self)
                }
                sheets.append(
                    Sheet(
                        name: name.isEmpty ? "Sheet\(sheets.count + 1)" : name,
                        isHidden: stream.u8(record.start + 4) & 0x03 != 0, offset: stream.u32(record.start)))
            case RecordID.format:
                let id = stream.u16(record.start)
                var text = ContinuedReader(stream: stream, spans: [(record.start + 2, record.end)])
                if isBiff5 {
                    if let count = text.u8(), let bytes = text.bytes(count) { formats[id] = decode(bytes) }
                } else if case .text(let units) = text.unicodeString(rich: false, limit: 1024) {
                    formats[id] = String(decoding: units, as: UTF16.self)
                }
            case RecordID.extendedFormat:
                formatIDs.append(stream.u16(record.start + 2))
            case RecordID.sharedStrings:
                var spans = [(record.start, record.end)]
                while let next = stream.record(at: offset), next.id == RecordID.continuation {
                    spans.append((next.start, next.end))
                    offset = next.end
                }
                try readSharedStrings(spans: spans, limits: limits)
            default: break
            }
            if record.id == RecordID.eof { break }
        }
        styles = CellStyles(formats: formats, cellFormatIDs: formatIDs)
        guard !sheets.isEmpty else { throw .noWorksheet }
    }

    /// The `SST` record: a count, then strings until the data ends (the declared count is never trusted).
    private mutating func readSharedStrings(spans: [(Int, Int)], limits: ReadLimits) throws(SheetError.Problem) {
        var reader = ContinuedReader(stream: stream, spans: spans.map { (start: $0.0, end: $0.1) }, skipping: 4)
        guard let declared = reader.u32() else { return }
        let bytes = spans.reduce(0) { $0 + ($1.1 - $1.0) }
        sharedStrings.reserveCapacity(min(declared, bytes / 3))
        while sharedStrings.count < declared, !reader.isAtEnd {
            switch reader.unicodeString(rich: true, limit: limits.maxCellCharacters) {
            case .text(let units): sharedStrings.append(String(decoding: units, as: UTF16.self))
            case .tooLong(let count):
                throw .cellTooLong(characters: count, limit: limits.maxCellCharacters)
            case .truncated: return
            }
        }
    }

    /// The characters of a `ShortXLUnicodeString` after its count byte: a flags byte, then the characters.
    static func characters(_ reader: inout ContinuedReader, count: Int) -> ContinuedReader.StringResult {
        guard let flags = reader.u8() else { return .truncated }
        var units: [UInt16] = []
        for _ in 0..<count {
            if flags & 0x01 != 0 {
                guard let unit = reader.u16() else { return .truncated }
                units.append(UInt16(unit))
            } else {
                guard let unit = reader.u8() else { return .truncated }
                units.append(UInt16(unit))
            }
        }
        return .text(units)
    }

    /// BIFF5 text: bytes in the workbook's codepage (Windows-1252 when none is named), Latin-1 where the
    /// codepage does not define them.
    ///
    /// Codepage 1200 (which Gnumeric keeps when re-saving a BIFF8 workbook as BIFF7) holds two encodings:
    /// text of ASCII characters only as one byte each, any other text as UTF-16LE bytes. Bytes that are all
    /// printable ASCII read as ASCII; a zero byte or one at 0x80 or above means UTF-16LE.
    func decode(_ bytes: [UInt8]) -> String {
        if codepage == 1200, bytes.count % 2 == 0, bytes.contains(where: { $0 == 0 || $0 >= 0x80 }) {
            let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        let name =
            switch codepage {
            case 0, 1200, 367, 32769: "CP1252"  // 1200 here: an odd byte count, read as the default
            case 10000: "MACINTOSH"
            default: "CP\(codepage)"
            }
        if let converted = try? TextDecoding.convert(bytes, from: name) {
            return String(decoding: converted, as: UTF8.self)
        }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    var encodingName: String {
        switch codepage {
        case _ where !isBiff5: "UTF-16LE"
        case 0: "Windows-1252"
        case 1200: "UTF-16LE"
        case 936: "GBK (CP936)"
        case 950: "Big5 (CP950)"
        case 1252: "Windows-1252"
        default: "codepage \(codepage)"
        }
    }
}
