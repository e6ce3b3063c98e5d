import Foundation
import Sheets

/// Issue times as staff read them: the ledger's UTC instant shown in the machine's zone.
///
/// Make one per sheet and reuse it: it holds the parser and the calendar, which are costly to make per cell.
struct IssueTime {
    private let precise = ISO8601DateFormatter()
    private let whole = ISO8601DateFormatter()
    private var calendar = Calendar(identifier: .gregorian)

    init(zone: TimeZone = .current) {
        precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        whole.formatOptions = [.withInternetDateTime]
        calendar.timeZone = zone
    }

    /// The wall-clock time in the zone of a stored ISO 8601 instant such as `2027-06-01T01:30:00.000+00:00`
    /// (fractional seconds optional), to the minute; `nil` when the text is not such an instant.
    func local(_ stored: String) -> CalendarDate? {
        guard let instant = precise.date(from: stored) ?? whole.date(from: stored) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
            let minute = parts.minute
        else { return nil }
        return CalendarDate(year: year, month: month, day: day, secondsIntoDay: hour * 3600 + minute * 60)
    }

    /// `yyyy-MM-dd HH:mm` in the zone, or the stored text itself when it cannot be read as an instant.
    func text(_ stored: String) -> String {
        guard let date = local(stored) else { return stored }
        let seconds = date.secondsIntoDay ?? 0
        return "\(Self.pad(date.year, 4))-\(Self.pad(date.month, 2))-\(Self.pad(date.day, 2)) "
            + "\(Self.pad(seconds / 3600, 2)):\(Self.pad(seconds / 60 % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Writes the local issue time as a date-time cell shown `yyyy-mm-dd hh:mm`, or the stored text when it
    /// cannot be read.
    func write(_ stored: String, in sheet: SheetBuilder, row: Int, column: Int, style: CellStyle)
        throws(XlsxWriterError)
    {
        if let date = local(stored) {
            try sheet.write(date, row: row, column: column, style: style.with(numberFormat: .dateTime))
        } else {
            try sheet.write(stored, row: row, column: column, style: style)
        }
    }
}
