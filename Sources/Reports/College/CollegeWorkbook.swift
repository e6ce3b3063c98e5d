public import Clearance
import Foundation
public import Sheets

/// A college's issuance workbook (两证发放) for `outbox/colleges/<学院>/<批次>/`: who may be issued the two
/// certificates, who has been, who is still blocked and why, and the college's figures.
///
/// Sheets, in order: 可发证 (eligible, not yet issued, with a 确认发证 column the college fills with 是 and
/// returns to `inbox/colleges/<folder>/issuance/`), 已发证 (with the issue time in local time), 未完成 (each
/// blocked person's blocking items with their remarks, and post-issuance holds flagged), 两证发放统计. Only the
/// college's own members of the batch appear. Only 确认发证 is editable: the 可发证 sheet is protected with that
/// column unlocked. Its 学工号 column (text) is what the issuance return reads back by header.
public enum CollegeWorkbook {
    /// Writes the workbook for `college` to `path` (the caller publishes it atomically).
    ///
    /// Colleges of more than 2,000 people are written in constant-memory mode.
    public static func write(_ context: OutputContext, college: College, to path: String) throws {
        try model(context, college: college).write(to: path)
    }

    /// The workbook for `college` as a model, issue times shown in the context's zone.
    public static func model(_ context: OutputContext, college: College) throws -> WorkbookModel {
        let roster = CollegeRoster(context, college: college)
        let workbook = WorkbookBuilder(constantMemory: roster.entries.count > largeCollege)
        try workbook.setProperties(
            OutputNaming.properties(
                context, title: CollegeText.workbookTitle(college, context.batch),
                subject: CollegeText.workbookSubject))
        let listed = try writeIssuable(roster, context, in: try workbook.addSheet(issuableSheetName))
        try writeIssued(
            roster, context, times: IssueTime(zone: context.zone), in: try workbook.addSheet(CollegeText.Sheet.issued))
        try writeBlocked(roster, context, in: try workbook.addSheet(CollegeText.Sheet.blocked))
        try writeStatistics(roster, context, in: try workbook.addSheet(CollegeText.Sheet.statistics))
        // The 可发证 list is returned to inbox/colleges/<学院>/issuance/: its origin lets that folder check it.
        let rows = Dictionary(listed.map { ($0.person.id, ItemState()) }) { first, _ in first }
        try Origin(
            kind: .issuance, batch: context.batch.id, college: college.id, sequence: context.sequence,
            generatedAt: context.generatedAt, rows: rows
        ).write(into: workbook, signer: context.originSigner)
        return workbook.model
    }

    /// `两证发放-<学院>-<批次>.xlsx`.
    public static func fileName(college: College, batch: Batch) -> String {
        OutputNaming.fileName([CollegeText.fileNamePrefix, college.name, batch.name])
    }

    /// The name of the sheet the college returns, the first of the workbook.
    public static let issuableSheetName = CollegeText.Sheet.issuable

    /// Header of the column the college fills with 是.
    public static let confirmationHeader = CollegeText.Header.confirmation

    /// Colleges above this many people are written in constant-memory mode.
    static let largeCollege = 2_000

    /// The profile columns every list of the workbook begins with.
    static let profileHeaders = CollegeText.Header.profile

    /// Writes `person`'s profile columns (0–4) of `row`.
    static func writeProfile(_ person: Person, in sheet: SheetBuilder, row: Int, warning: Bool = false)
        throws(XlsxWriterError)
    {
        try sheet.writeID(
            person.id.rawValue, row: row, column: 0, style: warning ? ReportStyle.warningID : ReportStyle.id)
        let style = warning ? ReportStyle.warning : ReportStyle.text
        for (offset, text) in [person.name, person.major, person.className, person.level].enumerated() {
            try sheet.write(text, row: row, column: 1 + offset, style: style)
        }
    }

    /// Writes 可发证: the eligible people not yet issued, each with an empty, unlocked 确认发证 cell (drop-down
    /// 是/否), under sheet protection.
    ///
    /// Returns the people listed, in row order, for whoever records the sheet's origin.
    @discardableResult
    static func writeIssuable(_ roster: CollegeRoster, _ context: OutputContext, in sheet: SheetBuilder)
        throws(XlsxWriterError) -> [PersonRecord]
    {
        let people = roster.issuable
        let confirmColumn = profileHeaders.count
        let heading = SheetHeading(
            title: CollegeText.issuableTitle(roster.college),
            notes: CollegeText.issuableInstructions(roster.college) + [
                CollegeText.countLine(context, count: people.count)
            ],
            headers: profileHeaders + [confirmationHeader], editableColumns: [confirmColumn])
        sheet.protect(unlockedColumns: [confirmColumn], fromRow: heading.firstDataRow)
        try heading.write(in: sheet)
        for (index, entry) in people.enumerated() {
            let row = heading.firstDataRow + index
            try writeProfile(entry.person, in: sheet, row: row)
            try sheet.writeBlank(row: row, column: confirmColumn, style: ReportStyle.editable)
        }
        if !people.isEmpty {
            try sheet.addListValidation(
                column: confirmColumn, firstRow: heading.firstDataRow,
                lastRow: heading.firstDataRow + people.count - 1, values: [CollegeText.yes, CollegeText.no],
                prompt: CollegeText.validationPrompt, error: CollegeText.validationError)
        }
        sheet.setColumnWidth(confirmColumn, 12)
        try heading.finishList(in: sheet, rowCount: people.count, footer: CollegeText.issuableTitle(roster.college))
        return people.map(\.record)
    }

    /// Writes 已发证: who was issued, when (local time) and from which confirmation; holds are flagged in red.
    static func writeIssued(
        _ roster: CollegeRoster, _ context: OutputContext, times: IssueTime, in sheet: SheetBuilder
    ) throws(XlsxWriterError) {
        let people = roster.issued
        let heading = SheetHeading(
            title: CollegeText.issuedTitle(roster.college),
            notes: [CollegeText.countLine(context, count: people.count)],
            headers: profileHeaders + [
                CollegeText.Header.issuedAt, CollegeText.Header.issuanceSource, CollegeText.Header.note,
            ])
        try heading.write(in: sheet)
        let base = profileHeaders.count
        for (index, entry) in people.enumerated() {
            let row = heading.firstDataRow + index
            try writeProfile(entry.person, in: sheet, row: row, warning: entry.isHeld)
            let style = entry.isHeld ? ReportStyle.warning : ReportStyle.text
            if let issuance = entry.record.issuance {
                try times.write(issuance.time, in: sheet, row: row, column: base, style: style)
                try sheet.write(issuance.source, row: row, column: base + 1, style: style)
            }
            let note = entry.isHeld ? CollegeText.heldNotePrefix + blockerText(entry.eligibility) : ""
            try sheet.write(note, row: row, column: base + 2, style: style)
        }
        sheet.setColumnWidth(base, 18)
        try heading.finishList(
            in: sheet, rowCount: people.count, landscape: true, footer: CollegeText.issuedTitle(roster.college))
    }

    /// `图书馆（欠书 2 本）；研究生院`: the blocking items in pipeline order, each with its remark when it has one.
    static func blockerText(_ eligibility: Eligibility) -> String {
        eligibility.blockers.map { blocker in
            CollegeText.blocker(blocker.item, remark: blocker.state.remark.trimmingSpaces)
        }.joined(separator: CollegeText.blockerSeparator)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
