public import Clearance
public import Sheets

/// A departing person's departure notice (离校通知单) for `outbox/notices/<批次>/<学院>/`, printable on one A4
/// page: their profile, every item that applies to them with its status, remark and where it is handled, their
/// eligibility or issuance, the deadline, the generation time and a blank signature line.
///
/// The sheet prints portrait, fitted to the page width, with fixed column widths chosen so that the profile,
/// up to about twenty items and the closing lines fit one page at full size.
public enum DepartureNotice {
    /// Writes the notice of `person` to `path` (the caller publishes it atomically).
    ///
    /// Throws `DepartureNoticeError` when the person does not depart in the context's batch.
    public static func write(_ context: OutputContext, person id: PersonID, to path: String) throws {
        try model(context, person: id).write(to: path)
    }

    /// The notice of `person` as a workbook model.
    public static func model(_ context: OutputContext, person id: PersonID) throws -> WorkbookModel {
        guard let record = context.state[id], context.state.isMember(id) else {
            throw DepartureNoticeError(person: id, batch: context.batch.name)
        }
        let workbook = WorkbookBuilder()
        try workbook.setProperties(
            OutputNaming.properties(
                context, title: NoticeText.workbookTitle(record.person), subject: NoticeText.subject(context.batch)))
        let sheet = try workbook.addSheet(NoticeText.name)
        for (column, width) in [16.0, 18, 24, 30].enumerated() { sheet.setColumnWidth(column, width) }
        var row = try writeProfile(record.person, context, in: sheet)
        row = try writeItems(record, context, in: sheet, from: row + 1)
        try writeClosing(record, context, in: sheet, from: row + 1)
        try sheet.printSetup(
            PrintSetup(
                landscape: false, fitToWidth: true, footerText: NoticeText.footer(context.university),
                pageNumbers: false))
        return workbook.model
    }

    /// `离校通知单-<学工号>-<姓名>.xlsx`.
    public static func fileName(for person: Person) -> String {
        OutputNaming.fileName([NoticeText.name, person.id.rawValue, person.name])
    }

    static let lastColumn = 3
    private static let label = CellStyle(
        bold: true, fillColor: 0xF2F2F2, verticallyCentered: true, border: .thin)
    private static let value = CellStyle(verticallyCentered: true, wrapsText: true, border: .thin)
    private static let section = CellStyle(bold: true, fontSize: 12)
    private static let line = CellStyle(wrapsText: true)

    /// Writes the title, batch line and the profile as label/value pairs; returns the row after them.
    private static func writeProfile(_ person: Person, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError) -> Int
    {
        try sheet.mergeTitle(
            NoticeText.title(context.university), row: 0, firstColumn: 0, lastColumn: lastColumn,
            style: ReportStyle.title)
        try sheet.mergeTitle(
            NoticeText.batchLine(context.batch), row: 1, firstColumn: 0,
            lastColumn: lastColumn, style: CellStyle(horizontalAlignment: .center))
        try sheet.write(NoticeText.profileSection, row: 3, column: 0, style: section)
        let pairs = NoticeText.profile(person)
        for (index, pair) in pairs.enumerated() {
            let row = 4 + index
            try sheet.write(pair.0, row: row, column: 0, style: label)
            if index == 0 {
                try sheet.writeID(pair.1, row: row, column: 1, style: value)
            } else {
                try sheet.write(pair.1, row: row, column: 1, style: value)
            }
            try sheet.write(pair.2, row: row, column: 2, style: label)
            try sheet.write(pair.3, row: row, column: 3, style: value)
        }
        return 4 + pairs.count
    }

    /// Writes the table of applicable items from `top`; returns the row after it.
    private static func writeItems(
        _ record: PersonRecord, _ context: OutputContext, in sheet: SheetBuilder, from top: Int
    )
        throws(XlsxWriterError) -> Int
    {
        try sheet.write(NoticeText.itemsSection, row: top, column: 0, style: section)
        for (column, header) in NoticeText.itemHeaders.enumerated() {
            try sheet.write(header, row: top + 1, column: column, style: ReportStyle.header)
        }
        let items = context.university.applicableItems(for: record.person)
        for (index, item) in items.enumerated() {
            let row = top + 2 + index
            let state = record.state(of: item.id)
            var status = value
            if !state.status.isCleared {
                status.fontColor = 0xC00000
                status.bold = true
            }
            try sheet.write(item.name, row: row, column: 0, style: value)
            try sheet.write(state.status.label, row: row, column: 1, style: status)
            try sheet.write(state.remark, row: row, column: 2, style: value)
            try sheet.write(item.location, row: row, column: 3, style: value)
        }
        return top + 2 + items.count
    }

    /// Writes the eligibility or issuance line, the deadline line, the generation time and the signature line.
    private static func writeClosing(
        _ record: PersonRecord, _ context: OutputContext, in sheet: SheetBuilder, from top: Int
    ) throws(XlsxWriterError) {
        let eligibility = Eligibility(record: record, university: context.university)
        // A merged cell never grows taller, so the line names the items only while they fit on it.
        let blockers = NoticeText.blockers(eligibility, fitting: 46)
        var standing: [String]
        if let issuance = record.issuance {
            standing = [NoticeText.issued(at: IssueTime(zone: context.zone).text(issuance.time))]
            if !eligibility.isEligible { standing.append(NoticeText.heldAfterIssuance(blockers)) }
        } else if eligibility.isEligible {
            standing = [NoticeText.eligible]
        } else {
            standing = [NoticeText.blocked(blockers)]
        }
        let deadline = NoticeText.deadline(context.batch, daysLeft: context.today.days(until: context.batch.deadline))
        let lines: [(String, CellStyle)] =
            standing.map { ($0, CellStyle(bold: true)) } + [
                (eligibility.isEligible ? "" : deadline, line),
                (NoticeText.generated(context), line),
                ("", line),
                (NoticeText.signature, line),
            ]
        for (offset, entry) in lines.enumerated() where !entry.0.isEmpty {
            try sheet.mergeTitle(entry.0, row: top + offset, firstColumn: 0, lastColumn: lastColumn, style: entry.1)
        }
    }
}

/// A departure notice was asked for someone who does not depart in the batch.
public struct DepartureNoticeError: Error, CustomStringConvertible, Sendable {
    public var person: PersonID
    /// The batch's display name.
    public var batch: String

    public var description: String { NoticeText.notInBatch(person, batch) }
}
