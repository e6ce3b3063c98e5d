import Clearance
import Sheets

/// A table of status counts, one row per group (a college, a class, an item) and an optional total row:
/// 应办理人数, `1 未办理`, `2 无需办理`, `3 已办理`, 完成率, with a stacked bar chart of the three statuses.
struct StatusTable {
    var groupHeader: String
    var rows: [(name: String, counts: StatusCounts)]
    /// The label of a total row under the groups, or `nil` for none.
    var totalLabel: String?

    var headers: [String] {
        [groupHeader, StatisticsText.Table.applicable] + Status.allCases.map(\.label) + [StatisticsText.Table.rate]
    }

    /// Writes the header at `headerRow` and the rows under it; returns the rows holding the groups (for a
    /// chart), or `nil` when there are none.
    @discardableResult
    func write(in sheet: SheetBuilder, headerRow: Int, writeHeader: Bool = true) throws(XlsxWriterError)
        -> ClosedRange<Int>?
    {
        if writeHeader {
            for (column, header) in headers.enumerated() {
                try sheet.write(header, row: headerRow, column: column, style: ReportStyle.header)
            }
        }
        for (index, entry) in rows.enumerated() {
            try StatusTable.writeRow(entry.name, entry.counts, in: sheet, row: headerRow + 1 + index, bold: false)
        }
        if let totalLabel {
            var total = StatusCounts()
            for entry in rows {
                total.pending += entry.counts.pending
                total.notRequired += entry.counts.notRequired
                total.done += entry.counts.done
            }
            try StatusTable.writeRow(totalLabel, total, in: sheet, row: headerRow + 1 + rows.count, bold: true)
        }
        return rows.isEmpty ? nil : (headerRow + 1)...(headerRow + rows.count)
    }

    /// The rows after the table (header, groups and total).
    func rowCount() -> Int { 1 + rows.count + (totalLabel == nil ? 0 : 1) }

    static func writeRow(_ name: String, _ counts: StatusCounts, in sheet: SheetBuilder, row: Int, bold: Bool)
        throws(XlsxWriterError)
    {
        func styled(_ style: CellStyle) -> CellStyle {
            var copy = style
            copy.bold = bold
            return copy
        }
        try sheet.write(name, row: row, column: 0, style: styled(ReportStyle.text))
        let values = [counts.total, counts.pending, counts.notRequired, counts.done]
        for (offset, value) in values.enumerated() {
            try sheet.write(Double(value), row: row, column: 1 + offset, style: styled(ReportStyle.count))
        }
        if counts.total > 0 {
            let rate = Double(counts.cleared) / Double(counts.total)
            try sheet.write(rate, row: row, column: 5, style: styled(ReportStyle.percent))
        } else {
            try sheet.writeBlank(row: row, column: 5, style: styled(ReportStyle.percent))
        }
    }

    /// A stacked bar chart of the three statuses over `rows` (category names in column 0, counts in 2–4), one
    /// bar per group, top down in the table's order.
    static func chart(title: String, sheet: SheetBuilder, rows: ClosedRange<Int>, categoryTitle: String) -> ChartSpec {
        let series = Status.allCases.enumerated().map { offset, status in
            ChartSeries(
                name: status.label, sheet: sheet, categories: ColumnCells(column: 0, rows: rows),
                values: ColumnCells(column: 2 + offset, rows: rows), color: ChartLayout.Color.of(status))
        }
        return ChartLayout.bars(
            title: title, series: series, count: rows.count, categoryTitle: categoryTitle,
            valueTitle: StatisticsText.people, stacked: true)
    }
}
