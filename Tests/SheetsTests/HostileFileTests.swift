import Foundation
import Testing

@testable import Sheets

/// Hostile files built at test time by `Hostile/make_hostile.py`: each is refused with a typed error, fast.
@Suite("Hostile files are refused or read safely")
struct HostileFileTests {
    /// Opens and reads every sheet, returning the problem it was refused for (or `nil` if it read).
    private func problem(_ name: String) -> SheetError? {
        do {
            let reader = try SpreadsheetReader(path: Paths.hostile(name))
            for index in reader.sheets.indices { _ = try reader.rows(inSheet: index) }
            return nil
        } catch let error as SheetError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("the baseline package reads: inline and shared strings, numbers")
    func baseline() throws {
        #expect(try readTexts(Paths.hostile("valid-minimal.xlsx")) == [["学号", "姓名"], ["11120205", "张三"]])
    }

    @Test("a zip bomb whose headers lie stops as soon as it inflates past what it declared")
    func lyingBomb() {
        let clock = ContinuousClock()
        var error: SheetError?
        let elapsed = clock.measure { error = problem("bomb-lying-headers.xlsx") }
        #expect(error?.problem == .entryLargerThanDeclared(entry: "xl/worksheets/sheet1.xml", declared: 4096))
        // A guard against hangs, not a timing claim (timings belong in benchmarks).
        #expect(elapsed < .seconds(20), "a hang, not a refusal")
    }

    @Test("a zip bomb with honest headers is refused before inflating, by its ratio")
    func honestBomb() {
        let error = problem("bomb-honest.xlsx")
        guard case .compressionRatio(let entry, let ratio, _) = error?.problem else {
            Issue.record("expected a ratio refusal, got \(String(describing: error))")
            return
        }
        #expect(entry == "xl/worksheets/sheet1.xml")
        #expect(ratio > 300)
    }

    @Test("a 42.zip-style archive of archives is named a zip archive and never opened further")
    func nestedBomb() {
        #expect(problem("nested-42.xlsx")?.problem == .foreignFormat(.zipArchive))
    }

    @Test("entries sharing bytes are refused as overlapping")
    func overlapping() {
        guard case .overlappingEntries = problem("overlapping-entries.xlsx")?.problem else {
            Issue.record("overlapping entries were not refused")
            return
        }
    }

    @Test("two entries with one name are refused")
    func duplicates() {
        #expect(problem("duplicate-entries.xlsx")?.problem == .duplicateEntry("xl/worksheets/sheet1.xml"))
    }

    @Test("entry names that climb, are absolute or carry a drive letter are refused")
    func zipSlip() {
        guard case .unsafeEntryName = problem("zip-slip.xlsx")?.problem else {
            Issue.record("zip-slip names were not refused")
            return
        }
    }

    @Test("a truncated workbook is reported damaged")
    func truncated() {
        guard case .damaged = problem("truncated.xlsx")?.problem else {
            Issue.record("truncated file was not reported damaged")
            return
        }
    }

    @Test("an archive listing 70,006 entries (ZIP64) is refused by the entry cap")
    func manyEntries() {
        let clock = ContinuousClock()
        var error: SheetError?
        let elapsed = clock.measure { error = problem("many-entries.xlsx") }
        #expect(error?.problem == .tooManyEntries(count: 70_006, limit: ReadLimits.standard.maxZipEntries))
        // A guard against hangs, not a timing claim (timings belong in benchmarks).
        #expect(elapsed < .seconds(20), "a hang, not a refusal")
    }

    @Test(
        "billion laughs and XXE are refused for their document type declaration, never expanded",
        arguments: [
            ("billion-laughs.xlsx", "xl/worksheets/sheet1.xml"), ("xxe.xlsx", "xl/worksheets/sheet1.xml"),
            ("xxe-sharedstrings.xlsx", "xl/sharedStrings.xml"),
        ])
    func entityAttacks(file: String, part: String) {
        let clock = ContinuousClock()
        var error: SheetError?
        let elapsed = clock.measure { error = problem(file) }
        #expect(error?.problem == .documentTypeDeclaration(part: part))
        #expect(!(error?.description.contains("root:") ?? true))
        // A guard against hangs, not a timing claim (timings belong in benchmarks).
        #expect(elapsed < .seconds(20), "a hang, not a refusal")
    }

    @Test("a wrong, missing or huge dimension changes nothing")
    func dimensions() throws {
        #expect(try readTexts(Paths.hostile("huge-dimension.xlsx")) == [["学号", "1"]])
        let grid = [["r1c1", "r1c2", "r1c3"], ["r2c1", "r2c2", "r2c3"], ["r3c1", "r3c2", "r3c3"]]
        #expect(try readTexts(Paths.hostile("wrong-dimension.xlsx")) == grid)
        #expect(try readTexts(Paths.hostile("no-dimension.xlsx")) == grid)
    }

    @Test("cell references beyond XFD1048576 are refused, naming the reference")
    func beyondGrid() {
        #expect(problem("beyond-xfd.xlsx")?.problem == .cellReferenceOutOfRange("XFE1"))
        #expect(problem("beyond-max-row.xlsx")?.problem == .cellReferenceOutOfRange("1048577"))
    }

    @Test("a shared-string index out of range is refused, naming the cell")
    func badSharedString() {
        let error = problem("bad-sst-index.xlsx")
        #expect(error?.problem == .sharedStringOutOfRange(index: 99, count: 2))
        #expect(error?.cell == "A1")
        #expect(error?.sheet == "Sheet1")
    }

    @Test("formulas give cached values; one without is a cell error; stored errors stay errors")
    func formulas() throws {
        let row = try SpreadsheetReader(path: Paths.hostile("formulas.xlsx")).rows()[0]
        #expect(
            row.cells == [
                .number(3), .text("ab"), .error(.formulaWithoutCachedValue(formula: "NOW()")),
                .error(.stored("#N/A")),
            ])
    }

    @Test(
        "a cell over 32,767 characters is refused, inline or shared",
        arguments: ["long-cell.xlsx", "long-shared-string.xlsx"])
    func longCell(file: String) {
        let error = problem(file)
        guard case .cellTooLong(_, let limit) = error?.problem else {
            Issue.record("long cell not refused: \(String(describing: error))")
            return
        }
        #expect(limit == 32_767)
        #expect(error?.cell == "A1")
    }

    @Test("phonetic runs are dropped, rich runs joined, _x000D_ escapes decoded")
    func phonetic() throws {
        #expect(try readTexts(Paths.hostile("rich-phonetic.xlsx")) == [["张伟 "], ["a\rb"]])
    }

    @Test("dates follow the 1900 and 1904 systems and the number format")
    func dates() throws {
        let d1904 = try SpreadsheetReader(path: Paths.hostile("dates-1904.xlsx")).rows()[0]
        #expect(
            d1904.cells == [
                .date(CalendarDate(year: 1904, month: 1, day: 1)),
                .date(CalendarDate(year: 1904, month: 12, day: 31)), .number(1.5),
            ])
        let d1900 = try SpreadsheetReader(path: Paths.hostile("dates-1900.xlsx")).rows()[0]
        #expect(
            d1900.cells == [
                .date(CalendarDate(year: 2024, month: 9, day: 1)),
                .date(CalendarDate(year: 1900, month: 3, day: 1)),
                .date(CalendarDate(year: 2024, month: 9, day: 1, secondsIntoDay: 43_200)),
            ])
    }

    @Test("a WPS-style package with absolute targets, prefixed elements and a hidden sheet reads")
    func wpsStyle() throws {
        let reader = try SpreadsheetReader(path: Paths.hostile("wps-style.xlsx"))
        #expect(reader.sheets == [SheetInfo(name: "学籍"), SheetInfo(name: "隐藏", isHidden: true)])
        #expect(try reader.rows(inSheet: 0).map { $0.cells.map(\.text) } == [["学号", "姓名"], ["11120205", "张三"]])
        #expect(try reader.rows(inSheet: 1).map { $0.cells.map(\.text) } == [["隐藏数据"]])
    }

    @Test("an empty sheet reads as no rows")
    func emptySheet() throws {
        #expect(try SpreadsheetReader(path: Paths.hostile("empty-sheet.xlsx")).rows().isEmpty)
    }
}
