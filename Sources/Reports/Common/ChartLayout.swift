import Clearance
import Sheets

/// The two shapes of chart the statistics sheets draw, sized from how many categories they show so that every
/// category keeps its label in Excel, WPS and LibreOffice.
///
/// Groups (items, colleges, classes, buildings) are horizontal bars in the table's order, top down: their
/// names read level whatever their length, and the chart grows a line per group as the table beside it does.
/// Days run along a horizontal axis, one labelled column or point per calendar day, and the chart widens with
/// the season. Values are written on the bars or points while there are few enough to read.
enum ChartLayout {
    /// Charts of at most this many categories carry their values as labels.
    static let valueLabelLimit = 15

    /// The default chart is 480 × 288 pixels; the builders scale from it.
    static let defaultWidth = 480.0
    static let defaultHeight = 288.0

    /// Room for the title, the value axis, its title and the legend of a bar chart, in pixels (LibreOffice
    /// gives them about half of a 400-pixel chart).
    static let barChrome = 190.0
    /// One category's line of a bar chart, in pixels: a 10-point label with space around it.
    static let barLine = 22.0

    /// Room for the value axis, its title and the plot's margins of a chart over days, in pixels.
    static let dayChrome = 90.0
    /// One day's column of a chart over days, in pixels: a 9-point date turned upright (the chart is a little
    /// taller than a bar chart's least, as the upright dates take 60 pixels of it).
    static let dayColumn = 16.0

    /// Colours that mean the same on every chart: cleared or issued green, waiting blue, still to do red, not
    /// required grey; a plain count (people, clearances a day) is a darker blue.
    enum Color {
        static let neutral: UInt32 = 0x2F5597
        static let done: UInt32 = 0x70AD47
        static let waiting: UInt32 = 0x4472C4
        static let pending: UInt32 = 0xC0504D
        static let notRequired: UInt32 = 0xA5A5A5
        /// Held after issuance: amber, a warning.
        static let held: UInt32 = 0xED7D31

        /// The colour of a status's bars.
        static func of(_ status: Status) -> UInt32 {
            switch status {
            case .pending: pending
            case .notRequired: notRequired
            case .done: done
            }
        }
    }

    /// A sheet's default row is 20 pixels high (15 points).
    static let rowHeight = 20.0

    /// How many default-height rows `chart` covers, so the next block can start below it.
    static func rowsSpanned(by chart: ChartSpec) -> Int {
        Int((defaultHeight * chart.heightScale / rowHeight).rounded(.up))
    }

    /// One group's line of a bar chart whose series stand side by side, in pixels, with the gap between
    /// groups narrowed to `sideBySideGap` per cent of a bar, so that each bar stays thick enough to see.
    static let sideBySideLine = 28.0
    static let sideBySideGap = 60

    /// Horizontal bars of `series` over `count` groups, first group at the top: stacked, or side by side when
    /// the series overlap (已满足发证条件 includes 已发证).
    static func bars(
        title: String, series: [ChartSeries], count: Int, categoryTitle: String?, valueTitle: String?,
        stacked: Bool = false, widthScale: Double = 1.4
    ) -> ChartSpec {
        let sideBySide = !stacked && series.count > 1
        let height = barChrome + (sideBySide ? sideBySideLine : barLine) * Double(max(count, 1))
        return ChartSpec(
            kind: .bar, title: title, series: series, categoryAxisTitle: categoryTitle, valueAxisTitle: valueTitle,
            stacked: stacked, widthScale: widthScale, heightScale: max(1.2, height / defaultHeight),
            categoryLabelRotation: 0, topDown: true,
            valueLabels: series.count == 1 && count <= valueLabelLimit, legend: series.count > 1,
            gapWidth: sideBySide ? sideBySideGap : nil)
    }

    /// One series over `count` consecutive days: columns for a day's figure, a line with a marker on every day
    /// for a running total.
    static func days(
        _ kind: ChartSpec.Kind, title: String, series: ChartSeries, count: Int, categoryTitle: String,
        valueTitle: String
    ) -> ChartSpec {
        let width = dayChrome + dayColumn * Double(max(count, 1))
        return ChartSpec(
            kind: kind, title: title, series: [series], categoryAxisTitle: categoryTitle, valueAxisTitle: valueTitle,
            widthScale: max(1.6, width / defaultWidth), heightScale: 1.4, categoryFontSize: 9,
            categoryLabelRotation: -90, markers: kind == .line, valueLabels: count <= valueLabelLimit, legend: false)
    }
}
