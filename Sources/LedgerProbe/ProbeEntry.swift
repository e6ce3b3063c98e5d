import Clearance
import Foundation
import Ledger

/// The entry the probe appends as record `n`: a pure function of `n`, so a test can recompute what it must find.
///
/// LedgerTests recomputes it through `@testable import lixiao_ledger_probe`.
enum ProbeEntry {
    static func make(_ n: Int) -> JournalEntry {
        JournalEntry(
            time: LocalZone.ledgerText(Date(timeIntervalSince1970: 1_800_000_000 + Double(n))),
            actor: "colleges/计算机学院/roster",
            source: SHA256Hex.of(Array("source \(n / 100)".utf8)),
            row: n % 7 == 0 ? nil : n % 1000 + 2,
            person: "P\(n)",
            kind: "status",
            field: "图书馆",
            oldValue: "1 未办理",
            newValue: "3 已办理\t第\(n)号\\备注",
            remark: n % 3 == 0 ? "" : "remark\r\nline \(n)")
    }
}
