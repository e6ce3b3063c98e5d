import Foundation
import Sheets
import Testing

/// What staff get when they print: every workbook kind of a demo season converted to PDF by LibreOffice, each
/// page read back with pdftotext. Pages repeat their title and header, labels sit beside their values, programs'
/// columns (导出编号) do not print, and lists fit enough people on a page.
@Suite("Every workbook kind prints on A4 as staff expect")
struct PrintedPagesTests {
    /// One demo season's outbox, each kind converted once, shared by the tests.
    static let printed: Result<Printed, any Error> = Result { try Printed.make() }

    struct Printed: Sendable {
        /// The text of each page, by kind.
        var pages: [String: [String]]
        /// Data rows of the printed lists, by kind, to bound their page counts.
        var rows: [String: Int]

        static func make() throws -> Printed {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lixiao-print-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: root) }
            let demo = Lixiao.run(["demo", "--root", root.path, "--people", "600"])
            guard demo.status == 0 else { throw SeasonError("demo failed: \(demo.standardError)") }
            let outbox = root.appendingPathComponent("outbox").path
            let summer = "2027届夏季毕业"
            func first(_ folder: String, _ prefix: String) throws -> String {
                let path = outbox + "/" + folder
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                guard let name = names.first(where: { $0.hasPrefix(prefix) && $0.hasSuffix(".xlsx") }) else {
                    throw SeasonError("no \(prefix)… in \(folder): \(names)")
                }
                return path + "/" + name
            }
            let college =
                try FileManager.default.contentsOfDirectory(atPath: outbox + "/colleges").sorted()
                .first { FileManager.default.fileExists(atPath: "\(outbox)/colleges/\($0)/\(summer)") } ?? ""
            let advisor =
                try FileManager.default.contentsOfDirectory(atPath: outbox + "/advisors").sorted()
                .first { FileManager.default.fileExists(atPath: "\(outbox)/advisors/\($0)/\(summer)") } ?? ""
            var receipts: [String] = []
            let enumerator = FileManager.default.enumerator(atPath: outbox + "/departments/图书馆/回执")
            while let relative = enumerator?.nextObject() as? String {
                if relative.hasSuffix("回执.xlsx") { receipts.append(outbox + "/departments/图书馆/回执/" + relative) }
            }
            let noticeFolder = try FileManager.default.subpathsOfDirectory(atPath: outbox + "/notices")
                .first { $0.hasSuffix(".xlsx") }
            var files: [String: String] = [
                "export": try first("departments/图书馆/\(summer)", "数据导出"),
                "pending": try first("departments/图书馆/\(summer)", "催办名单"),
                "itemStatistics": try first("departments/图书馆/\(summer)", "办理统计"),
                "college": try first("colleges/\(college)/\(summer)", "两证发放"),
                "advisor": try first("advisors/\(advisor)/\(summer)", "导师签字"),
                "leaders": try first("admin/\(summer)", "离校办理统计"),
                "apartment": try first("apartment/\(summer)", "公寓办理概况"),
                "template": try first("templates", "部门回传模板"),
            ]
            if let receipt = receipts.sorted().first { files["receipt"] = receipt }
            if let notice = noticeFolder { files["notice"] = outbox + "/notices/" + notice }
            let scratch = root.appendingPathComponent("pdf")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            var inputs: [String] = []
            for (kind, path) in files {
                let copy = scratch.appendingPathComponent("\(kind).xlsx").path
                try FileManager.default.copyItem(atPath: path, toPath: copy)
                inputs.append(copy)
            }
            let profile = "file:///tmp/lixiao-test-lo-print-\(UUID().uuidString.prefix(6))"
            let convert = Process()
            convert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            convert.arguments =
                [
                    "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf", "--outdir",
                    scratch.path,
                ]
                + inputs
            convert.standardOutput = FileHandle.nullDevice
            convert.standardError = FileHandle.nullDevice
            try convert.run()
            convert.waitUntilExit()
            var pages: [String: [String]] = [:]
            for kind in files.keys {
                let text = Process()
                text.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                text.arguments = ["pdftotext", "-layout", scratch.appendingPathComponent("\(kind).pdf").path, "-"]
                let output = Pipe()
                text.standardOutput = output
                try text.run()
                let data = output.fileHandleForReading.readDataToEndOfFile()
                text.waitUntilExit()
                var split = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
                if split.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { split.removeLast() }
                pages[kind] = split
            }
            var rows: [String: Int] = [:]
            for kind in ["export", "pending"] {
                rows[kind] = try SpreadsheetRows.count(files[kind] ?? "", below: "学工号")
            }
            return Printed(pages: pages, rows: rows)
        }
    }

    @Test("a department's export repeats its header on every page, leaves out 导出编号, and holds 25 or more a page")
    func departmentExport() throws {
        let printed = try Self.printed.get()
        let pages = try #require(printed.pages["export"])
        #expect(pages.first?.contains("离校办理数据导出") == true)
        for (number, page) in pages.enumerated() {
            #expect(page.contains("学工号") && page.contains("办理状态"), "page \(number + 1) has no header")
            // The code is in the note above the header, once; the 导出编号 column itself does not print.
            #expect(page.components(separatedBy: "LX1|").count == 2, "page \(number + 1) prints the 导出编号 column")
        }
        let rows = try #require(printed.rows["export"])
        #expect(rows > 100)
        #expect(pages.count <= rows / 25 + 1, "\(rows) people on \(pages.count) pages")
    }

    @Test("the pending list and the advisor's sheet repeat their header on every page")
    func lists() throws {
        let printed = try Self.printed.get()
        for (kind, title) in [("pending", "催办名单"), ("advisor", "导师签字名单")] {
            let pages = try #require(printed.pages[kind], "\(kind)").filter { $0.contains(title) }
            #expect(!pages.isEmpty, "\(kind)")
            for (number, page) in pages.enumerated() {
                #expect(page.contains("学工号"), "\(kind) page \(number + 1) has no header")
            }
        }
        let pending = try #require(printed.pages["pending"]).filter { $0.contains("催办名单") }
        let rows = try #require(printed.rows["pending"])
        #expect(pending.count <= rows / 25 + 1, "\(rows) people on \(pending.count) pages")
    }

    @Test("a college's 未完成 pages each show the title and header, about 30 people a page")
    func collegeBlocked() throws {
        let pages = try #require(try Self.printed.get().pages["college"])
        let blocked = pages.filter { $0.contains("未完成名单") }
        #expect(!blocked.isEmpty)
        for page in blocked {
            #expect(page.contains("学工号") && page.contains("未完成事项"), "\(page.prefix(200))")
            #expect(!page.contains("1 未办理"), "the per-item columns are for the screen, not the page")
        }
        let people = blocked.joined().split(separator: "\n").filter { line in
            line.trimmingCharacters(in: .whitespaces).first?.isNumber == true && line.contains("未发证")
        }.count
        #expect(people >= 25 * (blocked.count - 1), "\(people) people on \(blocked.count) pages")
    }

    @Test("a receipt's summary prints labels beside their values on its first page")
    func receipt() throws {
        let pages = try #require(try Self.printed.get().pages["receipt"])
        let first = try #require(pages.first)
        #expect(first.contains("文件处理回执"))
        let lines = first.split(separator: "\n")
        #expect(lines.contains { $0.contains("放入位置") && $0.contains("inbox/departments/图书馆") }, "\(first)")
        #expect(lines.contains { $0.contains("处理时间") && $0.contains("20") }, "\(first)")
    }

    @Test("a notice and a template are one page each; statistics workbooks print their titles")
    func onePagers() throws {
        let printed = try Self.printed.get()
        #expect(printed.pages["notice"]?.count == 1)
        // The template and its 填写说明 sheet.
        #expect(printed.pages["template"]?.count == 2)
        #expect(printed.pages["template"]?.first?.contains("学工号") == true)
        #expect(printed.pages["leaders"]?.first?.contains("各办理项办理情况") == true)
        #expect(printed.pages["apartment"]?.first?.contains("公寓") == true)
        #expect(printed.pages["itemStatistics"]?.first?.contains("图书馆") == true)
    }
}

/// Counts a workbook's data rows below a header, with the Sheets reader.
enum SpreadsheetRows {
    static func count(_ path: String, below header: String) throws -> Int {
        let rows = try SpreadsheetReader(path: path).rows(inSheet: 0)
        guard let start = rows.firstIndex(where: { $0.cells.contains { $0.text == header } }) else { return 0 }
        return rows[(start + 1)...].filter { row in row.cells.contains { !$0.text.isEmpty } }.count
    }
}
