/// A chart to insert into a sheet: its kind, title, axis titles, data series and how its labels read.
///
/// Every category axis labels every category (interval unit 1): Excel and LibreOffice otherwise skip labels as
/// soon as they would touch, and a bar without a name cannot be read. The builder gives crowded charts room
/// (`widthScale`, `heightScale`) and a smaller `categoryFontSize` instead. Every value axis starts at zero.
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
    /// The size in points of the category labels; `nil` for the application's default (10).
    public var categoryFontSize: Double?
    /// Turns the category labels by this many degrees (−90 to 90, negative reads upwards; 0 keeps them level);
    /// `nil` lets the application choose. LibreOffice draws every label only when the angle is given: left to
    /// choose, it hides labels that would touch a neighbour, whatever the interval unit says.
    public var categoryLabelRotation: Int?
    /// Draws a bar chart's first category at the top, in the order of the table beside it, with the value
    /// axis still at the bottom (ignored for other kinds).
    public var topDown: Bool
    /// Marks every point of a line chart, so a single day is a visible dot (ignored for other kinds).
    public var markers: Bool
    /// Writes each value beside its bar, point or slice.
    public var valueLabels: Bool
    /// Shows the legend, under the plot (beside a pie); a chart of one series says what it shows in its title
    /// instead.
    public var legend: Bool
    /// The gap between one category's bars and the next's, as a percentage of a bar's width; `nil` for the
    /// application's default (150). Side-by-side series need less to stay thick enough to see.
    public var gapWidth: Int?

    public init(
        kind: Kind, title: String, series: [ChartSeries], categoryAxisTitle: String? = nil,
        valueAxisTitle: String? = nil, stacked: Bool = false, widthScale: Double = 1, heightScale: Double = 1,
        categoryFontSize: Double? = nil, categoryLabelRotation: Int? = nil, topDown: Bool = false,
        markers: Bool = false, valueLabels: Bool = false, legend: Bool = true, gapWidth: Int? = nil
    ) {
        self.kind = kind
        self.title = title
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.stacked = stacked
        self.widthScale = widthScale
        self.heightScale = heightScale
        self.categoryFontSize = categoryFontSize
        self.categoryLabelRotation = categoryLabelRotation
        self.topDown = topDown
        self.markers = markers
        self.valueLabels = valueLabels
        self.legend = legend
        self.gapWidth = gapWidth
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
    /// The colour of its bars or of its line and markers as `0xRRGGBB`; `nil` for the application's palette.
    public var color: UInt32?
    /// The colours of a pie's slices, first category first; slices beyond them take the application's palette.
    public var pointColors: [UInt32]

    public init(
        name: String, sheetName: String, categories: ColumnCells, values: ColumnCells, color: UInt32? = nil,
        pointColors: [UInt32] = []
    ) {
        self.name = name
        self.sheetName = sheetName
        self.categories = categories
        self.values = values
        self.color = color
        self.pointColors = pointColors
    }

    /// A series whose cells lie on `sheet`.
    public init(
        name: String, sheet: SheetWriter, categories: ColumnCells, values: ColumnCells, color: UInt32? = nil,
        pointColors: [UInt32] = []
    ) {
        self.init(
            name: name, sheetName: sheet.name, categories: categories, values: values, color: color,
            pointColors: pointColors)
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
