import Clearance
import Foundation
import Sheets

/// Issue times as staff read them: the ledger's UTC instant shown in the output context's zone, to the minute.
struct IssueTime {
    private let zone: LocalZone

    init(zone: TimeZone) {
        self.zone = LocalZone(zone)
    }

    /// The wall-clock time in the zone of a stored ledger instant such as `2027-06-01T01:30:00.000+00:00`
    /// (fractional seconds optional), to the minute; `nil` when the text is not such an instant.
    func local(_ stored: String) -> CalendarDate? {
        guard let clock = zone.wallClock(ledger: stored) else { return nil }
        return CalendarDate(
            year: clock.day.year, month: clock.day.month, day: clock.day.day,
            secondsIntoDay: clock.hour * 3600 + clock.minute * 60)
    }

    /// `yyyy-MM-dd HH:mm` in the zone, or the stored text itself when it cannot be read as an instant.
    func text(_ stored: String) -> String {
        guard let clock = zone.wallClock(ledger: stored) else { return stored }
        return String(clock.text.prefix(16))
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
