import Foundation
import Testing

/// Every receipt is kept: a department returning its export under the default name all season long gets one
/// receipt per return, filed by local day and named by local time, so the folder reads as a diary.
struct ReceiptFilingTests {
    @Test("30 returns of an un-renamed export leave 30 receipts, in the order they were processed")
    func thirtyReturns() throws {
        let season = try Season.started()
        let folder = "departments/图书馆"
        let export = try StaleReturnScenarioTests.download(season)
        let name = (export as NSString).lastPathComponent
        let ids = ["2023110101", "2023110102", "2023110199"]
        for round in 0..<30 {
            let fresh = try season.outboxFile("\(folder)/\(ReturnsScenarioTests.summer)", prefix: "数据导出")
            try season.edit(fresh, into: folder, as: name, [ids[round % 3], "办理备注=第 \(round + 1) 次"])
            #expect(season.run().status == 0)
        }
        let base = "outbox/\(folder)/回执"
        let files = try FileManager.default.subpathsOfDirectory(atPath: season.path(base))
            .filter { $0.hasSuffix(".回执.xlsx") }.sorted()
        #expect(files.count == 30, "\(files)")
        // A folder per local day, the local time first in each name.
        for file in files {
            let parts = file.split(separator: "/")
            #expect(parts.count == 2 && parts[0].count == 10, "\(file)")
            #expect(parts.last?.contains(" \(name)") == true || parts.last?.contains(" 数据导出") == true, "\(file)")
        }
        // Sorted by name is the order of processing: each receipt's remark is the round's.
        var remarks: [String] = []
        for file in files {
            let rows = try season.receiptRows("\(base)/\(file)")
            remarks += rows.compactMap { row in
                row.count > 4 ? row[4].firstMatch(of: /第 (\d+) 次/).map { String($0.1) } : nil
            }
        }
        #expect(remarks == (1...30).map(String.init), "\(remarks)")
    }
}
