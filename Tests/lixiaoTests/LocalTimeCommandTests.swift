import Foundation
import Testing

/// Every time staff read is local, in the zone `TZ` names (the machine's); the ledger keeps UTC.
@Suite("Times staff read: local in the machine's zone, UTC in the ledger", .serialized)
struct LocalTimeCommandTests {
    typealias S = Season

    /// `stored` (a ledger time) as `yyyy-MM-dd HH:mm:ss` in `zone`, by Foundation's own formatters: an oracle
    /// independent of lixiao's arithmetic.
    static func local(_ stored: String, in zone: String) throws -> String {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let instant = try #require(parser.date(from: stored), "\(stored) is not a ledger time")
        let timeZone = try #require(TimeZone(identifier: zone))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: instant)
    }

    @Test(
        "show, history and status print the ledger's UTC times in the zone TZ names; history --json keeps UTC beside",
        arguments: ["Asia/Shanghai", "Asia/Kolkata", "America/St_Johns"])
    func commandsPrintLocalTime(zone: String) throws {
        let season = try Season.started()
        try season.handMade(
            into: "colleges/\(S.cs)/roster", as: "撤销离校.xlsx", ["学工号,姓名,撤销原因", "2023110101,张伟,延期毕业"])
        #expect(season.run().status == 0)
        let environment = ["TZ": zone]

        let historyJSON = season.lixiao(["history", "2023110101", "--json"], environment: environment)
        let entries =
            try JSONSerialization.jsonObject(with: Data(historyJSON.standardOutput.utf8)) as? [[String: Any]] ?? []
        let withdrawal = try #require(entries.first { $0["kind"] as? String == "withdraw" })
        let stored = try #require(withdrawal["time"] as? String)
        #expect(stored.hasSuffix("+00:00"), "the journal keeps UTC: \(stored)")
        let local = try Self.local(stored, in: zone)
        #expect(withdrawal["localTime"] as? String == local)

        let show = season.lixiao(["show", "2023110101"], environment: environment)
        #expect(show.standardOutput.contains("at \(local), file 撤销离校.xlsx"), "\(show.standardOutput)")
        let shown = try season.json(season.lixiao(["show", "2023110101", "--json"], environment: environment))
        #expect((shown["withdrawal"] as? [String: Any])?["time"] as? String == local)
        let history = season.lixiao(["history", "2023110101"], environment: environment)
        #expect(history.standardOutput.contains(local), "\(history.standardOutput)")

        let status =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: season.path("ledger/status.json")))) as? [String: Any]
        let finished = try #require(status?["finished"] as? String)
        #expect(finished.hasSuffix("+00:00"), "status.json keeps UTC: \(finished)")
        let text = season.lixiao(["status"], environment: environment).standardOutput
        #expect(text.contains("last round:  \(try Self.local(finished, in: zone)) (run)"), "\(text)")
    }
}
