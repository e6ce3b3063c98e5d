public import Clearance
public import Foundation

/// The run's clock and zone: UTC timestamps for the ledger, local time for staff.
///
/// The outermost layer: the only place below the command line that picks the machine's zone, and only as the
/// default of its initializer; everything it is handed to converts through its ``zone``.
public struct RunClock: Sendable {
    public let now: @Sendable () -> Date
    /// The zone staff read times in.
    public let zone: LocalZone

    public init(now: @escaping @Sendable () -> Date = { Date() }, zone: TimeZone = .current) {
        self.now = now
        self.zone = LocalZone(zone)
    }

    /// UTC with offset, for the journal.
    func ledgerText() -> String { LocalZone.ledgerText(now()) }

    /// Local wall-clock time for receipts: `2027-06-01 09:30:12`.
    func localText() -> String { zone.text(now()) }

    /// Today in the zone.
    func today() -> Day { zone.day(now()) }
}
