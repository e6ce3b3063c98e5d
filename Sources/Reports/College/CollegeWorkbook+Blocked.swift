import Clearance
import Sheets

extension CollegeWorkbook {
    /// Writes 未完成: every person not eligible, with what blocks them and each item's status.
    ///
    /// Columns: the profile, 发证情况 (未发证, or 已发证·发证后暂扣 in red for post-issuance holds, which are
    /// listed first), 未完成事项 (`图书馆（欠书 2 本）；研究生院`), 未完成数, then one column per item that applies
    /// to anyone in the college holding that person's status label (`1 未办理` in red), or `—` where the item
    /// does not apply to them. A secretary can filter any item's column to `1 未办理` to chase one department.
    static func writeBlocked(_ roster: CollegeRoster, _ context: OutputContext, in sheet: SheetWriter)
        throws(XlsxWriterError)
    {
        let people = roster.blocked
        let items = roster.applicableItems(in: context.university)
        let held = people.filter(\.isHeld).count
        var notes = [CollegeText.blockedCountLine(context, count: people.count)]
        if held > 0 { notes.append(CollegeText.holdWarning(held)) }
        let base = profileHeaders.count
        let heading = SheetHeading(
            title: CollegeText.blockedTitle(roster.college), notes: notes,
            headers: profileHeaders + [
                CollegeText.Header.standing, CollegeText.Header.blockers, CollegeText.Header.blockerCount,
            ] + items.map(\.name))
        try heading.write(in: sheet)
        let blockerWidth = 40.0
        for (index, entry) in people.enumerated() {
            let row = heading.firstDataRow + index
            let style = entry.isHeld ? ReportStyle.warning : ReportStyle.text
            // Wrapped text needs a taller row: LibreOffice and print do not grow rows by themselves.
            let blockers = blockerText(entry.eligibility)
            let lines = min(8, Int((Double(DisplayWidth.of(blockers)) / (blockerWidth - 2)).rounded(.up)))
            if lines > 1 { try sheet.setRowHeight(row, 15 * Double(lines)) }
            try writeProfile(entry.person, in: sheet, row: row, warning: entry.isHeld)
            try sheet.write(
                entry.isHeld ? CollegeText.heldStanding : CollegeText.notIssued, row: row, column: base, style: style)
            var wrapped = style
            wrapped.wrapsText = true
            try sheet.write(blockers, row: row, column: base + 1, style: wrapped)
            try sheet.write(
                Double(entry.eligibility.blockers.count), row: row, column: base + 2, style: ReportStyle.count)
            for (offset, item) in items.enumerated() {
                let column = base + 3 + offset
                guard item.applies(to: entry.person) else {
                    try sheet.write(CollegeText.notApplicable, row: row, column: column, style: notApplicable)
                    continue
                }
                let status = entry.record.state(of: item.id).status
                try sheet.write(
                    status.label, row: row, column: column,
                    style: status.isCleared ? ReportStyle.text : ReportStyle.warning)
            }
        }
        sheet.setColumnWidth(base + 1, blockerWidth)
        // On paper the per-item columns repeat the 未完成事项 text; print the readable part only.
        try sheet.setPrintColumns(0...(base + 2))
        try heading.finishList(
            in: sheet, rowCount: people.count, landscape: true, footer: CollegeText.blockedTitle(roster.college))
    }

    /// A grey centred dash for items that do not apply.
    private static let notApplicable = CellStyle(
        fontColor: 0xA6A6A6, horizontalAlignment: .center, border: .thin)
}
