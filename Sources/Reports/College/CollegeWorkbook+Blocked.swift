import Clearance
import Sheets

extension CollegeWorkbook {
    /// Writes 未完成: every person not eligible, with what blocks them and each item's status.
    ///
    /// Columns: 学工号, 姓名, 班级, 发证情况 (未发证, or 已发证·发证后暂扣 in red for post-issuance holds, which are
    /// listed first), 未完成事项 (`图书馆（欠书 2 本）；研究生院`), 未完成数 — the part that prints — then 专业, 培养层次
    /// and one column per item that applies to anyone in the college holding that person's status label
    /// (`1 未办理` in red), or `—` where the item does not apply to them. A secretary can filter any item's column
    /// to `1 未办理` to chase one department. Rows are 9-point text, wrapped in 未完成事项 with rows sized to
    /// their lines, so an A4 landscape page holds about 30 people.
    static func writeBlocked(_ roster: CollegeRoster, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError)
    {
        let people = roster.blocked
        let items = roster.applicableItems(in: context.university)
        let held = people.filter(\.isHeld).count
        var notes = [CollegeText.blockedCountLine(context, count: people.count)]
        if held > 0 { notes.append(CollegeText.holdWarning(held)) }
        let printed = [
            CollegeText.Header.id, CollegeText.Header.name, CollegeText.Header.className, CollegeText.Header.standing,
            CollegeText.Header.blockers, CollegeText.Header.blockerCount,
        ]
        let heading = SheetHeading(
            title: CollegeText.blockedTitle(roster.college), notes: notes,
            headers: printed + [CollegeText.Header.major, CollegeText.Header.level] + items.map(\.name),
            // On paper the per-item columns repeat the 未完成事项 text; print the readable part only.
            printedColumns: printed.count)
        try heading.write(in: sheet)
        let blockersColumn = 4
        for (index, entry) in people.enumerated() {
            let row = heading.firstDataRow + index
            let styles = entry.isHeld ? Compact.warning : Compact.plain
            let blockers = blockerText(entry.eligibility)
            // Wrapped text needs a taller row: LibreOffice and print do not grow rows by themselves.
            if let height = Compact.height(blockers, width: Compact.blockersWidth) {
                try sheet.setRowHeight(row, height)
            }
            let person = entry.person
            try sheet.writeID(person.id.rawValue, row: row, column: 0, style: styles.id)
            try sheet.write(person.name, row: row, column: 1, style: styles.text)
            try sheet.write(person.className, row: row, column: 2, style: styles.text)
            try sheet.write(
                entry.isHeld ? CollegeText.heldStanding : CollegeText.notIssued, row: row, column: 3, style: styles.text
            )
            try sheet.write(blockers, row: row, column: blockersColumn, style: styles.wrapped)
            try sheet.write(Double(entry.eligibility.blockers.count), row: row, column: 5, style: Compact.count)
            try sheet.write(person.major, row: row, column: 6, style: styles.text)
            try sheet.write(person.level, row: row, column: 7, style: styles.text)
            for (offset, item) in items.enumerated() {
                let column = printed.count + 2 + offset
                guard item.applies(to: person) else {
                    try sheet.write(CollegeText.notApplicable, row: row, column: column, style: notApplicable)
                    continue
                }
                let status = entry.record.state(of: item.id).status
                try sheet.write(
                    status.label, row: row, column: column,
                    style: status.isCleared ? Compact.plain.text : Compact.warning.text)
            }
        }
        try heading.finishList(
            in: sheet, rowCount: people.count, landscape: true, footer: CollegeText.blockedTitle(roster.college))
        sheet.setColumnWidth(blockersColumn, Compact.blockersWidth)
        sheet.setColumnWidth(3, 16)
        sheet.setColumnWidth(5, 8)
    }

    /// The 9-point cells of 未完成, sized so that about 30 people fit on an A4 landscape page.
    enum Compact {
        static let size = 9.0
        static let blockersWidth = 86.0
        static let plain = styles(color: nil)
        static let warning = styles(color: 0xC00000)
        static let count = CellStyle(
            fontSize: size, verticallyCentered: true, border: .thin, numberFormat: .integer)

        static func styles(color: UInt32?) -> (text: CellStyle, id: CellStyle, wrapped: CellStyle) {
            (
                CellStyle(fontSize: size, fontColor: color, verticallyCentered: true, border: .thin),
                CellStyle(
                    fontSize: size, fontColor: color, verticallyCentered: true, border: .thin, numberFormat: .text),
                CellStyle(fontSize: size, fontColor: color, verticallyCentered: true, wrapsText: true, border: .thin)
            )
        }

        /// The height a wrapped 9-point text needs in a column `width` units wide (units of the 11-point default
        /// font), or `nil` when one line holds it.
        static func height(_ text: String, width: Double) -> Double? {
            let perLine = (width - 2) * 11 / size
            let lines = min(8, Int((Double(DisplayWidth.of(text)) / perLine).rounded(.up)))
            return lines > 1 ? Double(lines) * 12.5 + 2 : nil
        }
    }

    /// A grey centred dash for items that do not apply.
    private static let notApplicable = CellStyle(
        fontColor: 0xA6A6A6, horizontalAlignment: .center, border: .thin)
}
