import Clearance
import Foundation
import Testing

@Suite("Times: the ledger's UTC text and the local wall clock of an injected zone")
struct LocalZoneTests {
    static func zone(_ identifier: String) throws -> LocalZone {
        LocalZone(try #require(TimeZone(identifier: identifier)))
    }

    static func instant(_ stored: String) throws -> Date {
        try #require(LocalZone.instant(ledger: stored), "\(stored) did not parse")
    }

    // MARK: The ledger's text

    @Test("times are written in UTC to the millisecond with their offset, truncated, never rounded")
    func ledgerText() {
        #expect(LocalZone.ledgerText(Date(timeIntervalSince1970: 1_795_948_200.123)) == "2026-11-29T10:30:00.123+00:00")
        #expect(LocalZone.ledgerText(Date(timeIntervalSince1970: 951_868_799.9999)) == "2000-02-29T23:59:59.999+00:00")
        #expect(LocalZone.ledgerText(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999+00:00")
        #expect(LocalZone.ledgerText(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000+00:00")
    }

    @Test("the ledger's text is the same whatever zone the machine is in")
    func ledgerTextIgnoresTheZone() throws {
        // The machine's zone is whatever TZ the tests run under (the Makefile runs them under two).
        let date = Date(timeIntervalSince1970: 1_811_813_400.5)
        #expect(LocalZone.ledgerText(date) == "2027-06-01T01:30:00.500+00:00")
        #expect(try Self.zone("UTC").text(date) == "2027-06-01 01:30:00")
    }

    @Test(
        "a stored time reads back, with fractional seconds or without, in Z or any offset",
        arguments: [
            ("2027-06-01T01:30:00.000+00:00", 1_811_813_400.0),
            ("2027-06-01T01:30:00+00:00", 1_811_813_400.0),
            ("2027-06-01T01:30:00Z", 1_811_813_400.0),
            ("2027-06-01T01:30:00.5+00:00", 1_811_813_400.5),
            ("2027-06-01T01:30:00.123456+00:00", 1_811_813_400.123),
            ("2027-06-01T09:30:00.250+08:00", 1_811_813_400.25),
            ("2027-05-31T22:00:00-03:30", 1_811_813_400.0),
            ("1969-12-31T23:59:59.999+00:00", -0.001),
            ("2000-02-29T23:59:59+00:00", 951_868_799.0),
        ])
    func parses(stored: String, seconds: Double) throws {
        let date = try Self.instant(stored)
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_5)
    }

    @Test("every time the ledger writes reads back as the same text")
    func roundTrip() throws {
        for seconds in [0, 1_811_813_400.123, -86_400.001, 951_868_799.999, 4_102_444_800.5, 1_700_000_000.010] {
            let text = LocalZone.ledgerText(Date(timeIntervalSince1970: seconds))
            #expect(LocalZone.ledgerText(try Self.instant(text)) == text)
        }
    }

    @Test(
        "text that is not a stored time is refused, and shown to staff as it is",
        arguments: [
            "", "not a time", "2027-06-01", "2027-06-01T01:30:00", "2027-06-01 01:30:00+00:00",
            "2027-06-01T01:30+00:00", "2027-06-01T01:30:00.+00:00", "2027-06-01T01:30:00.000+0000",
            "2027-06-01T01:30:00.000+00:00x", "2027-06-01T01:30:00.000 +00:00", "2027-13-01T01:30:00+00:00",
            "2027-00-10T01:30:00+00:00", "2027-02-29T01:30:00+00:00", "2027-04-31T01:30:00+00:00",
            "2027-06-01T24:00:00+00:00", "2027-06-01T01:60:00+00:00", "2027-06-01T01:30:60+00:00",
            "2027-06-01T01:30:00+24:00", "2027-06-01T01:30:00.000z", "２０２７-06-01T01:30:00+00:00",
            "-027-06-01T01:30:00+00:00", "2027/06/01T01:30:00+00:00",
        ])
    func malformed(stored: String) throws {
        #expect(LocalZone.instant(ledger: stored) == nil)
        let shanghai = try Self.zone("Asia/Shanghai")
        #expect(shanghai.text(ledger: stored) == stored)
        #expect(shanghai.day(ledger: stored) == nil)
        #expect(shanghai.wallClock(ledger: stored) == nil)
    }

    // MARK: Local wall clock and day

    @Test(
        "a stored time reads in the zone's wall clock, half-hour zones and daylight saving included",
        arguments: [
            ("Asia/Shanghai", "2027-06-01T01:30:00.000+00:00", "2027-06-01 09:30:00"),
            ("Asia/Shanghai", "2027-06-30T20:15:59.999+00:00", "2027-07-01 04:15:59"),
            ("Asia/Kolkata", "2027-06-01T01:30:00.000+00:00", "2027-06-01 07:00:00"),
            ("Asia/Kolkata", "2027-12-31T18:29:59+00:00", "2027-12-31 23:59:59"),
            ("Asia/Kolkata", "2027-12-31T18:30:00+00:00", "2028-01-01 00:00:00"),
            ("America/St_Johns", "2027-06-01T01:30:00.000+00:00", "2027-05-31 23:00:00"),  // NDT, -2:30
            ("America/St_Johns", "2027-01-15T01:30:00.000+00:00", "2027-01-14 22:00:00"),  // NST, -3:30
            ("UTC", "2027-06-01T01:30:00.000+00:00", "2027-06-01 01:30:00"),
            ("UTC", "2028-02-29T23:59:59.999+00:00", "2028-02-29 23:59:59"),
        ])
    func localText(zone: String, stored: String, expected: String) throws {
        #expect(try Self.zone(zone).text(ledger: stored) == expected)
        #expect(try Self.zone(zone).text(Self.instant(stored)) == expected)
    }

    @Test(
        "a UTC time falls on the local day of its zone, half-hour zones included",
        arguments: [
            ("Asia/Kolkata", "2027-06-01T18:40:00.000+00:00", Day(year: 2027, month: 6, day: 2)),
            ("Asia/Kolkata", "2027-06-01T18:20:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("Asia/Shanghai", "2027-06-01T16:00:00.000+00:00", Day(year: 2027, month: 6, day: 2)),
            ("Asia/Shanghai", "2027-06-01T15:59:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("America/St_Johns", "2027-06-02T02:00:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("America/St_Johns", "2027-06-02T02:30:00.000+00:00", Day(year: 2027, month: 6, day: 2)),
            ("UTC", "2027-12-31T23:59:00.000+00:00", Day(year: 2027, month: 12, day: 31)),
        ])
    func localDay(zone: String, stored: String, expected: Day) throws {
        #expect(try Self.zone(zone).day(ledger: stored) == expected)
        #expect(try Self.zone(zone).day(Self.instant(stored)) == expected)
    }

    @Test(
        "New York's clocks jump at 2:00 in March and fall back at 2:00 in November, each second read right",
        arguments: [
            ("2027-03-14T06:59:59.999+00:00", "2027-03-14 01:59:59"),  // EST, -5
            ("2027-03-14T07:00:00.000+00:00", "2027-03-14 03:00:00"),  // EDT, -4
            ("2027-11-07T05:59:59+00:00", "2027-11-07 01:59:59"),  // EDT
            ("2027-11-07T06:00:00+00:00", "2027-11-07 01:00:00"),  // EST: the hour again
            ("2027-11-07T04:00:00+00:00", "2027-11-07 00:00:00"),
            ("2027-11-08T04:59:59+00:00", "2027-11-07 23:59:59"),
        ])
    func newYorkDaylightSaving(stored: String, expected: String) throws {
        #expect(try Self.zone("America/New_York").text(ledger: stored) == expected)
    }

    // MARK: Local text back to an instant

    @Test(
        "a local time names its instant in the zone; a repeated hour reads as the first, a skipped one as if not yet moved",
        arguments: [
            ("Asia/Shanghai", "2027-06-25 09:00:00", "2027-06-25T01:00:00.000+00:00"),
            ("Asia/Kolkata", "2027-06-25 09:00:00", "2027-06-25T03:30:00.000+00:00"),
            ("America/St_Johns", "2027-06-25 09:00:00", "2027-06-25T11:30:00.000+00:00"),
            ("UTC", "2027-06-25 09:00:00", "2027-06-25T09:00:00.000+00:00"),
            ("America/New_York", "2027-11-07 01:30:00", "2027-11-07T05:30:00.000+00:00"),
            ("America/New_York", "2027-11-07 02:30:00", "2027-11-07T07:30:00.000+00:00"),
            ("America/New_York", "2027-03-14 02:30:00", "2027-03-14T07:30:00.000+00:00"),
            ("America/New_York", "2027-03-14 03:30:00", "2027-03-14T07:30:00.000+00:00"),
        ])
    func instantOfLocalText(zone: String, local: String, stored: String) throws {
        let instant = try #require(try Self.zone(zone).instant(local: local))
        #expect(LocalZone.ledgerText(instant) == stored)
    }

    @Test("local text that is not yyyy-MM-dd HH:mm:ss names no instant")
    func malformedLocalText() throws {
        let shanghai = try Self.zone("Asia/Shanghai")
        for text in ["", "2027-06-25", "2027-06-25 09:00", "2027-06-25T09:00:00", "2027-06-31 09:00:00", "yesterday"] {
            #expect(shanghai.instant(local: text) == nil, "\(text)")
        }
    }

    @Test("a zone's local time reads back as the instant it came from, to the second")
    func localRoundTrip() throws {
        for identifier in ["Asia/Shanghai", "Asia/Kolkata", "America/St_Johns", "UTC", "America/New_York"] {
            let zone = try Self.zone(identifier)
            for seconds in stride(from: 1_798_761_600.0, to: 1_830_297_600.0, by: 86_400 * 7 + 3_599) {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(zone.instant(local: zone.text(date)) == date, "\(identifier) \(seconds)")
            }
        }
    }
}
