internal import CXlsxWriter

extension SheetWriter {
    /// Inserts `chart` with its top-left corner in the cell at `row`, `column`.
    ///
    /// Each series names its cells by sheet and position (`chart_series_set_categories`,
    /// `chart_series_set_values`), so no formula text is built from data. libxlsxwriter reads a title or name
    /// beginning with `=` as a cell reference; such texts get a leading space so they stay literal. Throws when
    /// the chart has no series or a series names a sheet the workbook does not have. The corresponding C
    /// functions are `workbook_add_chart`, `chart_add_series`, `chart_series_set_name`, `chart_title_set_name`,
    /// `chart_axis_set_name` and `worksheet_insert_chart_opt`.
    public func insertChart(_ chart: ChartSpec, row: Int, column: Int) throws(XlsxWriterError) {
        workbook.requireOpen()
        let context = "inserting a \(chart.kind) chart into sheet \"\(name)\""
        try checkPosition(row: row, column: column, doing: "inserting a chart")
        guard !chart.series.isEmpty else {
            throw XlsxWriterError(LXW_ERROR_PARAMETER_VALIDATION, context: context, detail: "a chart needs a series")
        }
        for series in chart.series {
            guard workbook.hasSheet(named: series.sheetName) else {
                throw XlsxWriterError(
                    LXW_ERROR_PARAMETER_VALIDATION, context: context,
                    detail: "series \"\(series.name)\" refers to sheet \"\(series.sheetName)\", which is not in "
                        + "the workbook")
            }
            for cells in [series.categories, series.values] {
                try checkPosition(row: cells.rows.upperBound, column: cells.column, doing: "inserting a chart")
                try checkPosition(row: cells.rows.lowerBound, column: cells.column, doing: "inserting a chart")
            }
        }
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
        }
        if chart.kind != .pie {
            // For bar charts libxlsxwriter's x axis is the horizontal one, which carries the values.
            let categoryAxis = chart.kind == .bar ? LXW_CHART_AXIS_TYPE_Y : LXW_CHART_AXIS_TYPE_X
            let valueAxis = chart.kind == .bar ? LXW_CHART_AXIS_TYPE_X : LXW_CHART_AXIS_TYPE_Y
            if let title = chart.categoryAxisTitle, let axis = chart_axis_get(made, categoryAxis) {
                chart_axis_set_name(axis, SheetWriter.literal(title))
            }
            if let title = chart.valueAxisTitle, let axis = chart_axis_get(made, valueAxis) {
                chart_axis_set_name(axis, SheetWriter.literal(title))
            }
        }
        var options = lxw_chart_options()
        options.x_scale = chart.widthScale > 0 ? chart.widthScale : 1
        options.y_scale = chart.heightScale > 0 ? chart.heightScale : 1
        try XlsxWriterError.check(
            worksheet_insert_chart_opt(worksheet, lxw_row_t(row), lxw_col_t(column), made, &options), context)
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
