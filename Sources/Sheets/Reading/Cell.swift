/// One value read from a spreadsheet cell.
///
/// Text is never empty: an empty string, a blank CSV field and a cell with no value all read as `.empty`,
/// so callers test one case for "nothing here".
public enum Cell: Hashable, Sendable {
    case empty
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A number the file formats as a date or time, converted to a calendar value.
    case date(CalendarDate)
    /// A cell whose value cannot be had: an Excel error (`#N/A`) or a formula without a cached result.
    case error(CellError)

    /// Makes a text cell, or `.empty` for an empty string.
    @inlinable
    public static func string(_ value: String) -> Cell {
        value.isEmpty ? .empty : .text(value)
    }

    /// Whether the cell holds no value.
    @inlinable
    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }
}

/// Why a cell has no usable value.
public enum CellError: Hashable, Sendable {
    /// An error value stored in the file, such as `#N/A` or `#DIV/0!`.
    case stored(String)
    /// A formula the writing program never calculated; lixiao never evaluates formulas itself.
    case formulaWithoutCachedValue(formula: String)
}

/// A date, optionally with a time of day, as a spreadsheet shows it.
///
/// Spreadsheets store dates as serial numbers in an unspecified zone; this keeps the wall-clock reading and
/// attaches no zone.
public struct CalendarDate: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds since midnight, or `nil` for a date without a time.
    public var secondsIntoDay: Int?

    public init(year: Int, month: Int, day: Int, secondsIntoDay: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.secondsIntoDay = secondsIntoDay
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.secondsIntoDay ?? -1) < (
            rhs.year, rhs.month, rhs.day, rhs.secondsIntoDay ?? -1
        )
    }
}

/// One row of a sheet: its number as a spreadsheet program shows it, and its cells from column A on.
///
/// Trailing empty cells are dropped; a row with no value at all is never yielded.
public struct Row: Hashable, Sendable {
    /// The 1-based row number a person sees in Excel, WPS or LibreOffice (for CSV: the record's line number,
    /// counting blank lines, as a spreadsheet program opening the file would).
    public var number: Int
    public var cells: [Cell]

    public init(number: Int, cells: [Cell]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in the 0-based column, or `.empty` beyond the row's end.
    @inlinable
    public subscript(column: Int) -> Cell {
        column < cells.count ? cells[column] : .empty
    }
}
