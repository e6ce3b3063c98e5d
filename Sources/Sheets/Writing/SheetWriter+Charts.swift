internal import CXlsxWriter

extension SheetWriter {
    /// Inserts `chart` with its top-left corner in the cell at `row`, `column`.
    ///
    /// Each series names its cells by sheet and position (`chart_series_set_categories`,
    /// `chart_series_set_values`), so no formula text is built from data. libxlsxwriter reads a title or name
    /// beginning with `=` as a cell reference; such texts get a leading space so they stay literal. Throws when
    /// the chart has no series or a series names a sheet the workbook does not have. The corresponding C
    /// functions are `workbook_add_chart`, `chart_add_series`, `chart_series_set_name`, `chart_title_set_name`,
    /// `chart_axis_set_name`, `chart_axis_set_interval_unit`, `chart_series_set_labels`, `chart_legend_set_position`,
    /// `chart_set_series_gap` and `worksheet_insert_chart_opt`.
    public func insertChart(_ chart: ChartSpec, row: Int, column: Int) throws(XlsxWriterError) {
        workbook.requireOpen()
        let context = "inserting a \(chart.kind) chart into sheet \"\(name)\""
        try SheetRules.checkChart(chart, row: row, column: column, sheet: name) { workbook.hasSheet(named: $0) }
        guard let made = workbook.addChart(type: SheetWriter.chartType(chart)) else {
            throw XlsxWriterError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: context)
        }
        if !chart.title.isEmpty { chart_title_set_name(made, SheetWriter.literal(chart.title)) }
        for series in chart.series {
            guard let added = chart_add_series(made, nil, nil) else {
                throw XlsxWriterError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: context)
            }
            let categories = series.categories
            let values = series.values
            chart_series_set_categories(
                added, series.sheetName, lxw_row_t(categories.rows.lowerBound), lxw_col_t(categories.column),
                lxw_row_t(categories.rows.upperBound), lxw_col_t(categories.column))
            chart_series_set_values(
                added, series.sheetName, lxw_row_t(values.rows.lowerBound), lxw_col_t(values.column),
                lxw_row_t(values.rows.upperBound), lxw_col_t(values.column))
            chart_series_set_name(added, SheetWriter.literal(series.name))
            if chart.kind == .line {
                chart_series_set_marker_type(
                    added, UInt8((chart.markers ? LXW_CHART_MARKER_CIRCLE : LXW_CHART_MARKER_NONE).rawValue))
                if chart.markers { chart_series_set_marker_size(added, 7) }
            }
            if let color = series.color { SheetWriter.paint(added, color, kind: chart.kind) }
            if !series.pointColors.isEmpty {
                try XlsxWriterError.check(SheetWriter.paintPoints(added, series.pointColors), context)
            }
            if chart.valueLabels { chart_series_set_labels(added) }
        }
        if chart.kind != .pie { SheetWriter.setAxes(of: made, for: chart) }
        if let gap = chart.gapWidth, chart.kind == .bar || chart.kind == .column {
            chart_set_series_gap(made, UInt16(clamping: min(max(gap, 0), 500)))
        }
        let legend = chart.kind == .pie ? LXW_CHART_LEGEND_RIGHT : LXW_CHART_LEGEND_BOTTOM
        chart_legend_set_position(made, UInt8((chart.legend ? legend : LXW_CHART_LEGEND_NONE).rawValue))
        var options = lxw_chart_options()
        options.x_scale = chart.widthScale > 0 ? chart.widthScale : 1
        options.y_scale = chart.heightScale > 0 ? chart.heightScale : 1
        try XlsxWriterError.check(
            worksheet_insert_chart_opt(worksheet, lxw_row_t(row), lxw_col_t(column), made, &options), context)
    }

    /// Names the axes, labels every category (`chart_axis_set_interval_unit` 1) in the chart's font size and
    /// angle (`chart_axis_set_num_font`), for a top-down bar chart reverses the categories
    /// (`chart_axis_set_reverse`) with the value axis kept at the bottom (`chart_axis_set_crossing_max`), and
    /// starts the value axis at zero (`chart_axis_set_min`).
    private static func setAxes(of made: UnsafeMutablePointer<lxw_chart>, for chart: ChartSpec) {
        // For bar charts libxlsxwriter's x axis is the horizontal one, which carries the values.
        let categoryType = chart.kind == .bar ? LXW_CHART_AXIS_TYPE_Y : LXW_CHART_AXIS_TYPE_X
        let valueType = chart.kind == .bar ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y
        if let axis = chart_axis_get(made, categoryType) {
            if let title = chart.categoryAxisTitle { chart_axis_set_name(axis, literal(title)) }
            chart_axis_set_interval_unit(axis, 1)
            if chart.categoryFontSize != nil || chart.categoryLabelRotation != nil {
                var font = lxw_chart_font()
                font.size = chart.categoryFontSize ?? 0
                // libxlsxwriter writes an angle of 0 only when asked for 360; 0 means "not given".
                let rotation = chart.categoryLabelRotation.map { $0 == 0 ? 360 : min(max($0, -90), 90) } ?? 0
                font.rotation = Int32(rotation)
                chart_axis_set_num_font(axis, &font)
            }
            if chart.kind == .bar && chart.topDown {
                chart_axis_set_reverse(axis)
                chart_axis_set_crossing_max(axis)
            }
        }
        if let axis = chart_axis_get(made, valueType) {
            if let title = chart.valueAxisTitle { chart_axis_set_name(axis, literal(title)) }
            // A bar's length is its value only when the axis starts at zero; LibreOffice would otherwise start
            // close to the smallest value and make 29.5 look twice 29.
            chart_axis_set_min(axis, 0)
        }
    }

    /// Colours a series: the line and markers of a line chart (`chart_series_set_line`,
    /// `chart_series_set_marker_fill`, `chart_series_set_marker_line`), the fill of bars and columns
    /// (`chart_series_set_fill`).
    private static func paint(_ series: UnsafeMutablePointer<lxw_chart_series>, _ rgb: UInt32, kind: ChartSpec.Kind) {
        let color = colorCode(rgb)
        if kind == .line {
            var line = lxw_chart_line()
            line.color = color
            line.width = 2.25
            chart_series_set_line(series, &line)
            var fill = lxw_chart_fill()
            fill.color = color
            chart_series_set_marker_fill(series, &fill)
            var border = lxw_chart_line()
            border.color = color
            chart_series_set_marker_line(series, &border)
        } else {
            var fill = lxw_chart_fill()
            fill.color = color
            chart_series_set_fill(series, &fill)
        }
    }

    /// Colours a series' points one by one, as a pie's slices (`chart_series_set_points`, which copies them).
    private static func paintPoints(_ series: UnsafeMutablePointer<lxw_chart_series>, _ colors: [UInt32])
        -> lxw_error
    {
        var fills = colors.map { rgb in
            var fill = lxw_chart_fill()
            fill.color = colorCode(rgb)
            return fill
        }
        return fills.withUnsafeMutableBufferPointer { fills in
            var points = fills.indices.map { index in
                var point = lxw_chart_point()
                point.fill = fills.baseAddress.map { $0 + index }
                return point
            }
            return points.withUnsafeMutableBufferPointer { points in
                var list: [UnsafeMutablePointer<lxw_chart_point>?] = points.indices.map { index in
                    points.baseAddress.map { $0 + index }
                }
                list.append(nil)
                return chart_series_set_points(series, &list)
            }
        }
    }

    /// libxlsxwriter's code for `0xRRGGBB`: it takes 0 for "no colour", and black has a code of its own.
    private static func colorCode(_ rgb: UInt32) -> lxw_color_t {
        rgb & 0xFF_FFFF == 0 ? LXW_COLOR_BLACK.rawValue : rgb & 0xFF_FFFF
    }

    /// libxlsxwriter's chart type for a kind, stacked or not.
    static func chartType(_ chart: ChartSpec) -> UInt8 {
        let type: lxw_chart_type
        switch chart.kind {
        case .column: type = chart.stacked ? LXW_CHART_COLUMN_STACKED : LXW_CHART_COLUMN
        case .bar: type = chart.stacked ? LXW_CHART_BAR_STACKED : LXW_CHART_BAR
        case .line: type = chart.stacked ? LXW_CHART_LINE_STACKED : LXW_CHART_LINE
        case .pie: type = LXW_CHART_PIE
        }
        return UInt8(type.rawValue)
    }

    /// `text`, with a leading space when it begins with `=` so libxlsxwriter does not read it as a reference.
    static func literal(_ text: String) -> String {
        text.hasPrefix("=") ? " " + text : text
    }
}
