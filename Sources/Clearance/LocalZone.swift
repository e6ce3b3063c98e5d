public import Foundation

/// Times as lixiao writes and shows them: the ledger's UTC text, and the wall clock of one zone for staff.
///
/// The zone is injected: only the outermost layer (the command line, `RunClock`) picks `TimeZone.current`, so
/// everything below converts for the zone it is given. Every conversion is arithmetic on the Unix time (Howard
/// Hinnant's civil-date algorithms, through ``Day``) plus the zone's offset at that instant
/// (`TimeZone.secondsFromGMT(for:)`, so half-hour zones and daylight saving come out right); no formatter is made
/// per call, since a journal replay converts every record.
public struct LocalZone: Sendable, Hashable {
    /// The zone staff read times in.
    public let zone: TimeZone

    public init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The wall clock of `date` in the zone.
    public func wallClock(_ date: Date) -> WallClock {
        let second = Self.floorDivide(Self.milliseconds(date), 1000).quotient
        return WallClock(secondsSince1970: second + Int64(zone.secondsFromGMT(for: date)))
    }

    /// The wall clock in the zone of a stored ledger time such as `2027-06-01T01:30:00.000+00:00`; `nil` when the
    /// text is not one (see ``instant(ledger:)``).
    public func wallClock(ledger stored: String) -> WallClock? {
        Self.instant(ledger: stored).map(wallClock)
    }

    /// `date` as staff read it: `2027-06-01 09:30:12` in the zone.
    public func text(_ date: Date) -> String { wallClock(date).text }

    /// A stored ledger time as staff read it (`2027-06-01 09:30:12` in the zone), or the stored text itself when
    /// it is not a ledger time.
    public func text(ledger stored: String) -> String {
        wallClock(ledger: stored)?.text ?? stored
    }

    /// The calendar day of `date` in the zone.
    public func day(_ date: Date) -> Day { wallClock(date).day }

    /// The calendar day in the zone of a stored ledger time; `nil` when the text is not one.
    public func day(ledger stored: String) -> Day? { wallClock(ledger: stored)?.day }

    /// The instant a local `yyyy-MM-dd HH:mm:ss` text names in the zone; `nil` when the text is not one.
    ///
    /// A wall-clock time that occurs twice (when daylight saving ends) is read as the first; one that never occurs
    /// (when it starts) is read with the offset before the change, as a clock not yet moved on would show it.
    public func instant(local text: String) -> Date? {
        guard let local = WallClock(text: text) else { return nil }
        let seconds = local.secondsSince1970
        func offset(at instant: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
        }
        // The offsets a day either side (zone changes are months apart): the one that reads back as `local` wins.
        let before = offset(at: seconds - 86_400)
        let after = offset(at: seconds + 86_400)
        let chosen = [before, after].first { offset(at: seconds - $0) == $0 } ?? before
        return Date(timeIntervalSince1970: Double(seconds - chosen))
    }
}

// MARK: The ledger's UTC text

extension LocalZone {
    /// `date` as the ledger stores it: `2026-11-29T10:30:00.123+00:00` (ISO 8601, UTC, the offset always
    /// `+00:00`).
    ///
    /// Depends on no zone, time zone database or locale; milliseconds are truncated, not rounded, so a time never
    /// moves into the next second.
    public static func ledgerText(_ date: Date) -> String {
        let (second, millisecond) = floorDivide(milliseconds(date), 1000)
        return WallClock(secondsSince1970: second).isoText + "." + pad(millisecond, 3) + "+00:00"
    }

    /// The instant of a stored time such as `2027-06-01T01:30:00.000+00:00`: ISO 8601 with the date, `T`, the time
    /// to the second, optional fractional seconds (read to the millisecond) and an offset (`Z` or `±hh:mm`);
    /// `nil` for anything else.
    ///
    /// Read by position, with no formatter, since a replay reads every record.
    public static func instant(ledger stored: String) -> Date? {
        let bytes = Array(stored.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"),
            let clock = WallClock(bytes[0..<19], separator: UInt8(ascii: "T"))
        else { return nil }
        var index = 19
        var millisecond: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, let digit = digit(bytes[index]) {
                if digits < 3 { millisecond = millisecond * 10 + digit }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millisecond *= 10 }
        }
        guard let offset = offsetSeconds(bytes[index...]) else { return nil }
        let milliseconds = (clock.secondsSince1970 - offset) * 1000 + millisecond
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The seconds east of UTC of `Z` or `±hh:mm`, the whole rest of a stored time.
    private static func offsetSeconds(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let rest = Array(bytes)
        if rest == [UInt8(ascii: "Z")] { return 0 }
        guard rest.count == 6, rest[3] == UInt8(ascii: ":"),
            rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"),
            let hours = number(rest[1..<3]), let minutes = number(rest[4..<6]), hours < 24, minutes < 60
        else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return rest[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// Milliseconds since 1970 of `date`, rounded to the microsecond first to absorb the binary error of `Date`'s
    /// arithmetic (-0.001 s must not become -0.0010000000000000002 s and so 1969-12-31T23:59:59.998).
    static func milliseconds(_ date: Date) -> Int64 {
        floorDivide(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()), 1000).quotient
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    static func digit(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard let digit = digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    static func pad(_ value: some BinaryInteger, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
