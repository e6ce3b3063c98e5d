import Clearance
import Sheets

extension LeadersWorkbook {
    /// Writes 每日办理进度: one row per day from the first clearance to the last (days without any included,
    /// so the charts keep a true time axis), one column per item, 合计 and 累计, with a column chart of each day's
    /// total (a single day is a visible bar) and a line of the running total with a marker on every day.
    ///
    /// The items' own figures stay in the table: a dozen lines or stacks in one chart cannot be told apart.
    static func writeDailyProgress(_ progress: ClearanceProgress, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        let items = context.university.items
        let heading = SheetHeading(
            title: Text.dailyTitle, notes: [LeadersWorkbook.note(context), Text.dailyNote],
            headers: [Text.date] + items.map(\.name) + [StatisticsText.total, Text.cumulative])
        try heading.write(in: sheet)
        let days = calendarDays(progress.days)
        var running = 0
        for (index, day) in days.enumerated() {
            let row = heading.firstDataRow + index
            // Text, not a date cell: chart category caches carry no number format, so a date would show as
            // its serial number (46539) on the charts' axes.
            try sheet.write(day.description, row: row, column: 0, style: ReportStyle.text)
            let counts = progress.clearedPerDay[day] ?? [:]
            var total = 0
            for (offset, item) in items.enumerated() {
                let value = counts[item.id] ?? 0
                total += value
                try sheet.write(Double(value), row: row, column: 1 + offset, style: ReportStyle.count)
            }
            running += total
            try sheet.write(Double(total), row: row, column: items.count + 1, style: ReportStyle.count)
            try sheet.write(Double(running), row: row, column: items.count + 2, style: ReportStyle.count)
        }
        if days.isEmpty {
            try sheet.write(Text.noProgress, row: heading.firstDataRow, column: 0, style: ReportStyle.subtitle)
        } else {
            let rows = heading.firstDataRow...(heading.firstDataRow + days.count - 1)
            let categories = ColumnCells(column: 0, rows: rows)
            let perDay = ChartSeries(
                name: StatisticsText.total, sheet: sheet, categories: categories,
                values: ColumnCells(column: items.count + 1, rows: rows), color: ChartLayout.Color.neutral)
            let daily = ChartLayout.days(
                .column, title: Text.dailyChart, series: perDay, count: days.count, categoryTitle: Text.date,
                valueTitle: StatisticsText.times)
            try sheet.insertChart(daily, row: heading.headerRow, column: items.count + 4)
            let cumulative = ChartSeries(
                name: Text.cumulative, sheet: sheet, categories: categories,
                values: ColumnCells(column: items.count + 2, rows: rows), color: ChartLayout.Color.done)
            try sheet.insertChart(
                ChartLayout.days(
                    .line, title: Text.cumulativeChart, series: cumulative, count: days.count,
                    categoryTitle: Text.date, valueTitle: StatisticsText.times),
                row: heading.headerRow + ChartLayout.rowsSpanned(by: daily) + 1, column: items.count + 4)
        }
        try LeadersWorkbook.finish(sheet, headerRow: heading.headerRow, footer: Text.dailyTitle)
    }

    /// Writes 办理时长: per item, how many clearances were timed and the median and mean days from a person's
    /// addition to the item's clearance (to one decimal), with a bar chart; blank where an item never cleared anyone.
    ///
    /// While every clearance so far happened on the day the person was added (the first days of a season), the
    /// chart would be all zeros: a note says so in its place.
    static func writeTimeToClear(_ progress: ClearanceProgress, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        let items = context.university.items
        let heading = SheetHeading(
            title: Text.durationTitle, notes: [LeadersWorkbook.note(context), Text.durationNote],
            headers: Text.durationHeaders)
        try heading.write(in: sheet)
        let days = CellStyle(border: .thin, numberFormat: .decimal(places: 1))
        for (index, item) in items.enumerated() {
            let row = heading.firstDataRow + index
            try sheet.write(item.name, row: row, column: 0, style: ReportStyle.text)
            try sheet.write(
                Double(progress.daysToClear[item.id]?.count ?? 0), row: row, column: 1, style: ReportStyle.count)
            for (column, value) in [(2, progress.medianDaysToClear(item.id)), (3, progress.meanDaysToClear(item.id))] {
                if let value {
                    // Rounded as shown, so what is stored is what staff see.
                    try sheet.write((value * 10).rounded() / 10, row: row, column: column, style: days)
                } else {
                    try sheet.writeBlank(row: row, column: column, style: days)
                }
            }
        }
        let timed = items.contains { progress.daysToClear[$0.id]?.isEmpty == false }
        let anyDays = items.contains { (progress.meanDaysToClear($0.id) ?? 0) > 0 }
        if !anyDays {
            // A chart of zeros is an empty plot; say why instead.
            let note = timed ? Text.sameDayOnly : Text.noDuration
            try sheet.write(note, row: heading.headerRow, column: 5, style: ReportStyle.subtitle)
        } else {
            let rows = heading.firstDataRow...(heading.firstDataRow + items.count - 1)
            let series = [2, 3].map { column in
                ChartSeries(
                    name: Text.durationHeaders[column], sheet: sheet, categories: ColumnCells(column: 0, rows: rows),
                    values: ColumnCells(column: column, rows: rows))
            }
            try sheet.insertChart(
                ChartLayout.bars(
                    title: Text.durationTitle, series: series, count: items.count, categoryTitle: StatisticsText.item,
                    valueTitle: StatisticsText.days),
                row: heading.headerRow, column: 5)
        }
        try LeadersWorkbook.finish(sheet, headerRow: heading.headerRow, footer: Text.durationTitle)
    }

    /// Every day from the first of `days` to the last; `days` itself when they span more than two years.
    static func calendarDays(_ days: [Day]) -> [Day] {
        guard let first = days.first, let last = days.last, first.days(until: last) <= 731 else { return days }
        var result = [first]
        while let current = result.last, current < last { result.append(current.following) }
        return result
    }
}

extension Day {
    /// The next calendar day (Gregorian).
    fileprivate var following: Day {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let length = (1...12).contains(month) ? lengths[month - 1] : 31
        if day < length { return Day(year: year, month: month, day: day + 1) }
        if month < 12 { return Day(year: year, month: month + 1, day: 1) }
        return Day(year: year + 1, month: 1, day: 1)
    }
}
