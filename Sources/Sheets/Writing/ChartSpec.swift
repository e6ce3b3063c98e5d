/// A chart to insert into a sheet: its kind, title, axis titles and data series.
public struct ChartSpec: Hashable, Sendable {
    /// The chart types lixiao's statistics use.
    public enum Kind: Hashable, Sendable, CaseIterable {
        /// Vertical bars.
        case column
        /// Horizontal bars.
        case bar
        case pie
        case line
    }

    public var kind: Kind
    /// The title above the chart; empty for none (Excel then shows a single series' name).
    public var title: String
    public var series: [ChartSeries]
    /// The title of the axis along which categories run (ignored for pies).
    public var categoryAxisTitle: String?
    /// The title of the axis along which values run (ignored for pies).
    public var valueAxisTitle: String?
    /// Stacks the series of a column, bar or line chart on one another (ignored for pies).
    public var stacked: Bool
    /// Scales the default size (480 × 288 pixels).
    public var widthScale: Double
    public var heightScale: Double

    public init(
        kind: Kind, title: String, series: [ChartSeries], categoryAxisTitle: String? = nil,
        valueAxisTitle: String? = nil, stacked: Bool = false, widthScale: Double = 1, heightScale: Double = 1
    ) {
        self.kind = kind
        self.title = title
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.stacked = stacked
        self.widthScale = widthScale
        self.heightScale = heightScale
    }
}

/// One data series of a chart: its name, and the cells holding its category labels and its values.
///
/// Cells are given by sheet name and position, never as formula text, so any sheet name (Chinese, with
/// spaces or apostrophes) works and no data ends up in a formula.
public struct ChartSeries: Hashable, Sendable {
    /// The name shown in the legend.
    public var name: String
    /// The sheet holding the cells.
    public var sheetName: String
    public var categories: ColumnCells
    public var values: ColumnCells

    public init(name: String, sheetName: String, categories: ColumnCells, values: ColumnCells) {
        self.name = name
        self.sheetName = sheetName
        self.categories = categories
        self.values = values
    }

    /// A series whose cells lie on `sheet`.
    public init(name: String, sheet: SheetWriter, categories: ColumnCells, values: ColumnCells) {
        self.init(name: name, sheetName: sheet.name, categories: categories, values: values)
    }
}

/// A run of cells down one column: `ColumnCells(column: 1, rows: 2...9)` is `B3:B10`.
public struct ColumnCells: Hashable, Sendable {
    /// The 0-based column.
    public var column: Int
    /// The 0-based rows, top to bottom.
    public var rows: ClosedRange<Int>

    public init(column: Int, rows: ClosedRange<Int>) {
        self.column = column
        self.rows = rows
    }
}
