import Clearance
import Foundation
import Testing

@testable import Pipeline

@Suite("Local days of ledger times")
struct LocalDayTests {
    @Test(
        "a UTC time falls on the local day of its zone, half-hour zones included",
        arguments: [
            ("Asia/Kolkata", "2027-06-01T18:40:00.000+00:00", Day(year: 2027, month: 6, day: 2)),
            ("Asia/Kolkata", "2027-06-01T18:20:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("Asia/Shanghai", "2027-06-01T16:00:00.000+00:00", Day(year: 2027, month: 6, day: 2)),
            ("Asia/Shanghai", "2027-06-01T15:59:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("America/St_Johns", "2027-06-02T02:00:00.000+00:00", Day(year: 2027, month: 6, day: 1)),
            ("UTC", "2027-12-31T23:59:00.000+00:00", Day(year: 2027, month: 12, day: 31)),
        ])
    func localDay(zone: String, stored: String, expected: Day) {
        let timeZone = TimeZone(identifier: zone)
        #expect(timeZone != nil)
        #expect(LocalTime.day(fromLedger: stored, in: timeZone ?? .current) == expected)
    }
}
