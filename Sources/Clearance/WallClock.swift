/// A reading of a clock to the second, in no particular zone: a ``LocalZone`` says which.
public struct WallClock: Sendable, Hashable, CustomStringConvertible {
    public var day: Day
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(day: Day, hour: Int, minute: Int, second: Int) {
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds into the day.
    public var secondsIntoDay: Int { hour * 3600 + minute * 60 + second }

    /// `2027-06-01 09:30:12`.
    public var text: String {
        day.description + " " + LocalZone.pad(hour, 2) + ":" + LocalZone.pad(minute, 2) + ":"
            + LocalZone.pad(second, 2)
    }

    public var description: String { text }

    /// `2027-06-01T09:30:12`.
    var isoText: String {
        day.description + "T" + LocalZone.pad(hour, 2) + ":" + LocalZone.pad(minute, 2) + ":"
            + LocalZone.pad(second, 2)
    }

    /// The reading `seconds` after 1970-01-01 00:00:00.
    init(secondsSince1970 seconds: Int64) {
        let (days, second) = LocalZone.floorDivide(seconds, 86_400)
        let secondOfDay = Int(second)
        self.init(
            day: Day(ordinalFrom: Day.epoch, adding: Int(days)), hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
    }

    /// Seconds after 1970-01-01 00:00:00 of this reading.
    var secondsSince1970: Int64 { Int64(day.ordinal) * 86_400 + Int64(secondsIntoDay) }

    /// Reads `yyyy-MM-dd HH:mm:ss`.
    init?(text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 else { return nil }
        self.init(bytes[0..<19], separator: UInt8(ascii: " "))
    }

    /// Reads `yyyy-MM-dd` + `separator` + `HH:mm:ss` from exactly 19 bytes, refusing impossible dates and times.
    init?(_ bytes: ArraySlice<UInt8>, separator: UInt8) {
        let base = bytes.startIndex
        func at(_ offset: Int) -> UInt8 { bytes[base + offset] }
        func field(_ offset: Int, _ width: Int) -> Int? {
            LocalZone.number(bytes[(base + offset)..<(base + offset + width)]).map(Int.init)
        }
        guard bytes.count == 19, at(4) == UInt8(ascii: "-"), at(7) == UInt8(ascii: "-"), at(10) == separator,
            at(13) == UInt8(ascii: ":"), at(16) == UInt8(ascii: ":"),
            let year = field(0, 4), let month = field(5, 2), let dayOfMonth = field(8, 2), let hour = field(11, 2),
            let minute = field(14, 2), let second = field(17, 2),
            (1...12).contains(month), dayOfMonth >= 1, hour < 24, minute < 60, second < 60
        else { return nil }
        let day = Day(year: year, month: month, day: dayOfMonth)
        // A day past the month's end (2027-02-30) comes back as another date.
        guard Day(ordinalFrom: day, adding: 0) == day else { return nil }
        self.init(day: day, hour: hour, minute: minute, second: second)
    }
}

extension Day {
    /// 1970-01-01, the day Unix time counts from.
    static let epoch = Day(year: 1970, month: 1, day: 1)
}
