import Clearance
public import Foundation
import Ledger

/// The run's clock: UTC timestamps for the ledger, local time for staff.
public struct RunClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// UTC with offset, for the journal.
    func ledgerText() -> String { Timestamp.utc(now()) }

    /// Local wall-clock time for receipts: `2027-06-01 09:30:12`.
    func localText() -> String { LocalTime.text(now()) }
}

/// Formats times in the machine's zone for staff.
enum LocalTime {
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// Converts a stored UTC timestamp to local display text (the input unchanged if it does not parse).
    static func text(fromLedger stored: String) -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = parser.date(from: stored) { return text(date) }
        parser.formatOptions = [.withInternetDateTime]
        return parser.date(from: stored).map(text) ?? stored
    }
}

/// Ledger timestamps as staff read them.
public enum LedgerTimeText {
    /// A stored UTC timestamp in the machine's local time (`2027-06-01 09:30:12`).
    public static func local(_ stored: String) -> String { LocalTime.text(fromLedger: stored) }
}

extension LocalTime {
    /// The local calendar day of `date`.
    static func day(_ date: Date) -> Day {
        let parts = Calendar.current.dateComponents(in: TimeZone.current, from: date)
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The local calendar day of a stored UTC timestamp (`2027-06-01T01:30:00.000+00:00`).
    ///
    /// Parsed by position, since a journal replay converts every record: the UTC hour is turned into a local
    /// day with the zone's offset at that instant.
    static func day(fromLedger stored: String, in zone: TimeZone = .current) -> Day? {
        let bytes = Array(stored.utf8.prefix(16))
        guard bytes.count == 16, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16)
        else { return nil }
        let utcDay = Day(year: year, month: month, day: dayOfMonth)
        let utcSeconds = Day(year: 1970, month: 1, day: 1).days(until: utcDay) * 86_400 + hour * 3_600 + minute * 60
        // The zone's whole offset at that instant, half- and quarter-hour zones included.
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcSeconds)))
        let localSeconds = hour * 3_600 + minute * 60 + offset
        let shift = localSeconds >= 0 ? localSeconds / 86_400 : -((-localSeconds + 86_399) / 86_400)
        return shift == 0 ? utcDay : Day(ordinalFrom: utcDay, adding: shift)
    }
}
