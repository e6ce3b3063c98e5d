import Foundation
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// A batch's worth of records at once. Timings are printed, not asserted (this is a debug build; the release
/// figures come from `lixiao-ledger-probe bench`).
struct ScaleTests {
    @Test("50,000 entries append in one call, and reopen and verify intact")
    func fiftyThousand() throws {
        let folder = try TemporaryFolder("scale")
        let root = folder("ledger")
        let entries = (1...50_000).map(ProbeEntry.make)
        var started = Date()
        do {
            let journal = try LedgerStore(root: root).journal(batch: "b")
            let records = try journal.append(entries)
            #expect(records.count == 50_000)
        }
        let appending = Date().timeIntervalSince(started)
        started = Date()
        let journal = try LedgerStore(root: root).journal(batch: "b")
        let reopening = Date().timeIntervalSince(started)
        started = Date()
        let verification = journal.verify()
        let verifying = Date().timeIntervalSince(started)
        #expect(verification == .intact(records: 50_000, lastHash: journal.lastHash))
        #expect(journal.recoveredTail == nil)
        let size = try Files.bytes(journal.path).count
        print(
            "scale (debug build): append 50,000 in one call \(Self.ms(appending)); reopen \(Self.ms(reopening)); "
                + "verify \(Self.ms(verifying)); journal \(size / 1024) KiB")
    }

    static func ms(_ seconds: TimeInterval) -> String { "\(Int(seconds * 1000)) ms" }
}
