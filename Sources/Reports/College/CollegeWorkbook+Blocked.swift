import Clearance
import Sheets

extension CollegeWorkbook {
    /// Writes 未完成: every person not eligible, with what blocks them and each item's status.
    ///
    /// Columns: the profile, 发证情况 (未发证, or 已发证·发证后退回 in red for post-issuance holds, which are
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
        for (index, entry) in people.enumerated() {
            let row = heading.firstDataRow + index
            let style = entry.isHeld ? ReportStyle.warning : ReportStyle.text
            try writeProfile(entry.person, in: sheet, row: row, warning: entry.isHeld)
            try sheet.write(
                entry.isHeld ? CollegeText.heldStanding : CollegeText.notIssued, row: row, column: base, style: style)
            var wrapped = style
            wrapped.wrapsText = true
            try sheet.write(blockerText(entry.eligibility), row: row, column: base + 1, style: wrapped)
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
        sheet.setColumnWidth(base + 1, 40)
        try heading.finishList(
            in: sheet, rowCount: people.count, landscape: true, footer: CollegeText.blockedTitle(roster.college))
    }

    /// A grey centred dash for items that do not apply.
    private static let notApplicable = CellStyle(
        fontColor: 0xA6A6A6, horizontalAlignment: .center, border: .thin)
}
