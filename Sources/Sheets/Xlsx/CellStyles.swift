/// Which cell styles of a workbook show numbers as dates, read from `styles.xml`.
///
/// xlsx stores a date as a plain number; only the number format of the cell's style (`s` attribute → `cellXfs`
/// entry → `numFmtId`) says it is a date. Built-in ids and custom format codes are both recognised.
struct CellStyles {
    enum Kind: UInt8 { case number, date, dateTime }

    private var kinds: [Kind] = []

    func kind(_ styleIndex: Int) -> Kind {
        styleIndex >= 0 && styleIndex < kinds.count ? kinds[styleIndex] : .number
    }

    init() {}

    init(formats: [Int: String], cellFormatIDs: [Int]) {
        kinds = cellFormatIDs.map { id in
            if let code = formats[id] { return Self.kind(ofFormatCode: code) }
            return Self.builtInKind(id)
        }
    }

    /// Excel's built-in date and time formats, including the CJK locale ids 27–36 and 50–58.
    static func builtInKind(_ id: Int) -> Kind {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: .date
        case 22: .dateTime
        default: .number  // 18–21, 32–33, 45–47 are times of day; lixiao keeps them as numbers
        }
    }

    /// Classifies a custom format code by its date and time tokens outside quotes, escapes and brackets.
    static func kind(ofFormatCode code: String) -> Kind {
        var hasDate = false
        var hasTime = false
        var inQuote = false
        var inBracket = false
        var escaped = false
        // Only the first section (positive numbers) decides.
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case ";": return hasDate ? (hasTime ? .dateTime : .date) : .number
            case "y", "d", "年", "月", "日": hasDate = true
            case "h", "s", "时", "分", "秒": hasTime = true
            default: break
            }
        }
        return hasDate ? (hasTime ? .dateTime : .date) : .number
    }
}

/// Collects custom number formats and the `cellXfs` list of `styles.xml`.
final class StylesHandler: XMLEventHandler {
    private var formats: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellFormats = false
    let shouldStop = false

    var styles: CellStyles { CellStyles(formats: formats, cellFormatIDs: cellFormatIDs) }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt"), let id = attributes.integer("numFmtId"), let code = attributes.string("formatCode") {
            formats[id] = code
        } else if name.is("cellXfs") {
            inCellFormats = true
        } else if inCellFormats, name.is("xf") {
            cellFormatIDs.append(attributes.integer("numFmtId") ?? 0)
        }
    }

    func endElement(_ name: XMLName) {
        if name.is("cellXfs") { inCellFormats = false }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Spreadsheet serial numbers to calendar dates, in the 1900 and 1904 date systems.
enum SerialDate {
    /// Converts `serial` to a date, with the time of day when `withTime`; `nil` for serials no date can have.
    static func date(_ serial: Double, uses1904: Bool, withTime: Bool) -> CalendarDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }  // up to 9999-12-31
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        let civil: (year: Int, month: Int, day: Int)
        if uses1904 {
            civil = civilFromDays(days + daysFrom1970(1904, 1, 1))
        } else if days == 60 {
            civil = (1900, 2, 29)  // Lotus 1-2-3's phantom leap day, which Excel keeps
        } else if days == 0 {
            return nil  // Excel shows serial 0 as the non-date 1900-01-00
        } else {
            civil = civilFromDays(days - (days > 60 ? 1 : 0) + daysFrom1970(1899, 12, 31))
        }
        return CalendarDate(
            year: civil.year, month: civil.month, day: civil.day,
            secondsIntoDay: withTime ? seconds : nil)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    static func daysFrom1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
