import Testing

@testable import Sheets

@Suite("Cells as text")
struct CellTextTests {
    @Test(
        "numbers print as people write them, never with an exponent or a trailing .0",
        arguments: [
            (11_120_205.0, "11120205"), (1.1120205e7, "11120205"), (152.5, "152.5"), (-3.0, "-3"),
            (0.000001, "0.000001"), (1.5e-7, "0.00000015"), (123_456_789_012_345.0, "123456789012345"),
            (1e20, "100000000000000000000"), (0.1, "0.1"),
        ])
    func plainNumbers(value: Double, text: String) {
        #expect(PlainNumber.format(value) == text)
    }

    @Test("dates print as YYYY-MM-DD, with the time only when there is one")
    func dates() {
        #expect(Cell.date(CalendarDate(year: 2023, month: 9, day: 1)).text == "2023-09-01")
        #expect(
            Cell.date(CalendarDate(year: 2024, month: 9, day: 1, secondsIntoDay: 43_261)).text
                == "2024-09-01 12:01:01")
    }

    @Test("serial numbers convert in both date systems, including Excel's phantom 1900-02-29")
    func serials() {
        #expect(SerialDate.date(45_536, uses1904: false, withTime: false) == CalendarDate(year: 2024, month: 9, day: 1))
        #expect(SerialDate.date(1, uses1904: false, withTime: false) == CalendarDate(year: 1900, month: 1, day: 1))
        #expect(SerialDate.date(59, uses1904: false, withTime: false) == CalendarDate(year: 1900, month: 2, day: 28))
        #expect(SerialDate.date(60, uses1904: false, withTime: false) == CalendarDate(year: 1900, month: 2, day: 29))
        #expect(SerialDate.date(0, uses1904: true, withTime: false) == CalendarDate(year: 1904, month: 1, day: 1))
    }

    @Test(
        "custom number formats are dates only when they hold date tokens outside quotes",
        arguments: [
            ("yyyy-mm-dd", CellStyles.Kind.date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("0.00", .number),
            ("General", .number), ("0.00E+00", .number), ("yyyy-mm-dd hh:mm", .dateTime),
            ("[Red]0.0", .number), ("\"day\"0", .number), ("[$-804]yyyy年m月d日", .date),
        ])
    func formatCodes(code: String, kind: CellStyles.Kind) {
        #expect(CellStyles.kind(ofFormatCode: code) == kind)
    }

    @Test("CJK characters count double in display width")
    func widths() {
        #expect(DisplayWidth.of("学号") == 4)
        #expect(DisplayWidth.of("ID 12") == 5)
        #expect(DisplayWidth.of("会计学（ACCA）") == 14)
    }
}
