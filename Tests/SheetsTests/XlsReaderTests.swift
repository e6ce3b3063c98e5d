import Foundation
import Testing

@testable import Sheets

/// The `.xls` reader over the corpus of `Scripts/make_xls_corpus.py`: the same sheets written by XlsxWriter,
/// then saved as `.xls` by LibreOffice and by Gnumeric, read alike — formula results, long shared-string tables
/// crossing CONTINUE records, Chinese and ASCII text, RK and MULRK numbers, dates in both epochs.
@Suite("Legacy .xls read as Excel shows it")
struct XlsReaderTests {
    private static let writers = ["libreoffice", "gnumeric"]

    private func corpus(_ name: String) -> String { Paths.fixture("Corpus/" + name) }

    private func texts(_ path: String, sheet: Int = 0) throws -> [[String]] {
        try SpreadsheetReader(path: path).rows(inSheet: sheet).map { $0.cells.map(\.text) }
    }

    @Test("formula cells read as their cached results: number, text, boolean, error, empty", arguments: writers)
    func formulaResults(writer: String) throws {
        let rows = try SpreadsheetReader(path: corpus("corpus-\(writer).xls")).rows()
        let first = try #require(rows.first { $0.number == 2 })
        #expect(first[8] == .number(3))  // =IF(MOD(ROW(),2)=0,3,1)
        #expect(first[10] == .number(242))  // =D2*2
        #expect(first[11] == .text("王芳磊同学"))  // =B2&"同学", from the STRING record
        #expect(first[12] == .bool(false))  // =D2>140
        #expect(first[13] == .error(.stored("#DIV/0!")))  // =1/0
        #expect(first[14] == .empty)  // =""
        let second = try #require(rows.first { $0.number == 3 })
        #expect(second[8] == .number(1))
        let builtID = try #require(rows.first { $0.number == 202 })
        #expect(builtID[0] == .text("2023110101"))  // ="2023"&"110101"
    }

    @Test("every sheet reads as the xlsx it was saved from, cell for cell", arguments: writers)
    func readsAlike(writer: String) throws {
        let source = try SpreadsheetReader(path: corpus("corpus-xlsxwriter.xlsx"))
        let copy = try SpreadsheetReader(path: corpus("corpus-\(writer).xls"))
        #expect(copy.format == .xls)
        #expect(copy.sheets == source.sheets)
        #expect(copy.sheets.map(\.isHidden) == [false, false, true])
        for index in source.sheets.indices {
            // XlsxWriter stores ="" with an empty <v>, which reads as a formula never calculated (column O).
            let expected = try source.rows(inSheet: index).map { row in
                var texts = row.cells.enumerated().map { $0.element.text == "=\"\"" ? "" : $0.element.text }
                while texts.last == "" { texts.removeLast() }
                return texts
            }
            let actual = try copy.rows(inSheet: index).map { $0.cells.map(\.text) }
            #expect(actual.count == expected.count)
            if let first = zip(actual, expected).first(where: { $0.0 != $0.1 }) {
                Issue.record("\(writer) sheet \(index): \(first.0) != \(first.1)")
            }
        }
    }

    @Test("the long shared-string table crosses CONTINUE records in compressed and UTF-16 text", arguments: writers)
    func longSharedStrings(writer: String) throws {
        let rows = try texts(corpus("corpus-\(writer).xls"), sheet: 1)
        #expect(rows.count == 1500)
        #expect(rows[1497][0] == "ascii-01497-" + String(repeating: "x", count: 1497 % 150))
        #expect(rows[1499][0] == "mixed 1499 混合 " + String(repeating: "ab中", count: 1499 % 60))
        #expect(rows[1498][0] == "中文01498" + String(repeating: "离校手续", count: 1498 % 40))
        #expect(rows[1497][1] == "4491")
    }

    @Test("dates read alike in the 1900 and 1904 date systems", arguments: writers)
    func dateSystems(writer: String) throws {
        let plain = try texts(corpus("corpus-\(writer).xls"))
        let shifted = try texts(corpus("corpus-1904-\(writer).xls"))
        #expect(plain.map { Array($0.prefix(8)) } == shifted.map { Array($0.prefix(8)) })
        #expect(plain[1][5] == "2021-02-02")
        #expect(plain[1][6] == "2027-06-02 09:01:07")
    }

    @Test(
        "a workbook written by the C libxlsxwriter and re-saved as .xls reads its dates and formula statuses",
        arguments: writers)
    func libxlsxwriterCopies(writer: String) throws {
        let source = try texts(corpus("corpus-libxlsxwriter.xlsx"))
        #expect(try texts(corpus("corpus-libxlsxwriter-\(writer).xls")) == source)
        #expect(source[1] == ["2024100001", "欧阳明轩", "1.25", "2024-02-02", "1"])
    }

    @Test("an Excel 95 (BIFF5) workbook reads its codepage text, dates and formula results")
    func excel95() throws {
        let reader = try SpreadsheetReader(path: Paths.fixture("excel95-gnumeric.xls"))
        #expect(reader.format == .xls)
        #expect(reader.encoding == "Windows-1252")
        #expect(reader.sheets.map(\.name) == ["libxlsxwriter"])
        let rows = try reader.rows().map { $0.cells.map(\.text) }
        let source = try texts(corpus("corpus-libxlsxwriter.xlsx"))
        #expect(rows.count == source.count)
        // Gnumeric writes Windows-1252 here, so it stored "?" for every Chinese character; the rest is intact.
        #expect(rows[0] == ["??", "??", "??", "??", "??"])
        #expect(rows[1] == ["2024100001", "????", "1.25", "2024-02-02", "1"])
        #expect(rows.dropFirst().map { $0.dropFirst(2) } == source.dropFirst().map { $0.dropFirst(2) })
    }

    @Test("an Excel 95 workbook with codepage 1200 reads its text as UTF-16")
    func excel95UTF16() throws {
        let reader = try SpreadsheetReader(path: Paths.fixture("formula-return-excel95-gnumeric.xls"))
        #expect(reader.sheets.map(\.name) == ["图书馆"])
        #expect(reader.encoding == "UTF-16LE")
        let rows = try reader.rows().map { $0.cells.map(\.text) }
        #expect(rows == [["学工号", "办理状态", "办理备注"], ["2023110101", "3", "图书已归还"], ["2023110199", "2", "公式学号"]])
    }

    @Test("a workbook older than Excel 95 is named as such, and staff are asked to save it as .xlsx")
    func olderThanExcel95() throws {
        // The Excel 95 fixture with its first BOF record re-labelled as BIFF4's.
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.fixture("excel95-gnumeric.xls"))))
        let bof: [UInt8] = [0x09, 0x08, 0x08, 0x00, 0x00, 0x05]
        let at = try #require((0..<(bytes.count - 6)).first { Array(bytes[$0..<($0 + 6)]) == bof })
        bytes[at + 1] = 0x04
        let folder = Paths.temporaryFolder("biff4")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("旧表.xls").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.problem == .excel95Format)
        #expect(error?.staffMessage == "文件「旧表.xls」：是 Excel 95 之前版本格式的旧文件，请用 Excel 或 WPS 另存为 .xlsx 后重新放入")
    }

    @Test("odd but valid xlsx reads: backslash part names, an empty shared-string value, <is> beside <v>")
    func oddButValidXlsx() throws {
        #expect(try readTexts(Paths.hostile("backslash-names.xlsx")) == [["学号", "姓名"], ["11120205", "张三"]])
        #expect(try readTexts(Paths.hostile("empty-shared-value.xlsx")) == [["学号", "", "姓名"]])
        #expect(try readTexts(Paths.hostile("inline-with-value.xlsx")) == [["张三", "李四"]])
    }

    @Test("a compound file whose directory chain loops back on itself is refused as damaged, at once")
    func chainLoop() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Paths.fixture("registry-libreoffice.xls"))))
        func u32(_ offset: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
        let directory = u32(0x30)
        let fatSector = u32(0x4C + directory / 128 * 4)
        let entry = 512 + fatSector * 512 + directory % 128 * 4
        for index in 0..<4 { bytes[entry + index] = UInt8(truncatingIfNeeded: directory >> (8 * index)) }
        let folder = Paths.temporaryFolder("xls-loop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("loop.xls").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.problem == .damaged(detail: "a compound-file chain loops"))
    }

    @Test("thousands of damaged copies of every small .xls fixture are refused with a typed error or read, fast")
    func mutations() throws {
        let files = [
            Paths.fixture("registry-libreoffice.xls"), corpus("corpus-libxlsxwriter-libreoffice.xls"),
            corpus("corpus-libxlsxwriter-gnumeric.xls"), Paths.fixture("excel95-gnumeric.xls"),
        ]
        let folder = Paths.temporaryFolder("xls-mutations")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("mutant.xls").path
        var generator = SplitMix64(seed: 15)
        var refused = 0
        var read = 0
        let clock = ContinuousClock()
        for file in files {
            let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            for round in 0..<1000 {
                var bytes = original
                switch round % 4 {
                case 0:  // a few random bytes
                    for _ in 0..<(1 + Int(generator.next() % 8)) {
                        bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                    }
                case 1:  // cut short
                    bytes.removeLast(Int(generator.next() % UInt64(bytes.count - 1)))
                case 2:  // a 32-bit field set to a sector marker, a huge size or zero
                    let offset = Int(generator.next() % UInt64(bytes.count - 4))
                    let value: [UInt32] = [0xFFFF_FFFE, 0xFFFF_FFFD, 0x7FFF_FFFF, 0, 1, 0xFFFF]
                    let chosen = value[Int(generator.next() % UInt64(value.count))]
                    for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: chosen >> (8 * index)) }
                default:  // a record length or id in the workbook stream overwritten
                    let offset = 512 + Int(generator.next() % UInt64(max(1, bytes.count - 516)))
                    bytes[offset] = 0xFF
                    bytes[offset + 1] = UInt8(truncatingIfNeeded: generator.next())
                }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let elapsed = clock.measure {
                    do {
                        let reader = try SpreadsheetReader(path: path, displayName: "mutant.xls")
                        for index in reader.sheets.indices { _ = try reader.rows(inSheet: index) }
                        read += 1
                    } catch is SheetError {
                        refused += 1
                    } catch {
                        Issue.record("untyped error \(error)")
                    }
                }
                #expect(elapsed < .seconds(2), "round \(round) of \(file)")
            }
        }
        #expect(read + refused == files.count * 1000)
    }
}

/// A small deterministic generator, so every run damages the same bytes.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
