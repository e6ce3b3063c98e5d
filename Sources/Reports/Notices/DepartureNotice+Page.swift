public import Clearance
public import Printing

extension DepartureNotice {
    /// The notice of `person` as one printed A4 page carrying a QR code with its statement, signed by `signer`.
    ///
    /// The page shows what the workbook shows — profile, every applicable item with its status, remark and
    /// place, eligibility or issuance — but no count of days left, so a page changes only when its person does
    /// (a printed notice stays the current one until something it shows changes). Throws
    /// `DepartureNoticeError` when the person does not depart in the context's batch.
    public static func page(_ context: OutputContext, person id: PersonID, signer: NoticeSigner) throws
        -> PrintedPage
    {
        guard let record = context.state[id], context.state.isMember(id) else {
            throw DepartureNoticeError(person: id, batch: context.batch.name)
        }
        let person = record.person
        var page = PrintedPage(
            title: NoticeText.workbookTitle(person), author: context.university.name,
            subject: NoticeText.subject(context.batch))
        page.created = context.generatedAt
        page.dependencies = [signer.keyIdentifier]
        let statement = NoticeStatement(record, context: context)
        let payload = try signer.payload(statement)
        page.keywords = payload
        page.blocks = header(context) + profile(person) + items(record, context) + closing(record, context)
        page.code = PageCode(payload: payload, caption: NoticeText.codeCaption(keyIdentifier: signer.keyIdentifier))
        return page
    }

    /// `离校通知单-<学工号>-<姓名>.pdf`.
    public static func pageFileName(for person: Person) -> String {
        let name = fileName(for: person)
        return String(name.dropLast(".xlsx".count)) + ".pdf"
    }

    private static let heading = TextStyle(size: 12.5, color: 0x1F3864)
    /// The longest remark a page prints whole: a page of twenty items with remarks this long still prints at a
    /// readable size; a longer one ends in an ellipsis and a pointer to the workbook, which holds it whole.
    static let remarkLength = 60

    /// `text`, or its first `limit - 1` characters and an ellipsis (for a remark, and where to read it whole).
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let more = limit == remarkLength ? "…（全文见 xlsx 通知单）" : "…"
        return String(text.prefix(limit - 1)) + more
    }
    private static let red: UInt32 = 0xC00000
    private static let green: UInt32 = 0x006100

    private static func header(_ context: OutputContext) -> [PageBlock] {
        [
            .text(PageText(NoticeText.title(context.university), style: TextStyle(size: 20, alignment: .center))),
            .text(PageText(NoticeText.batchLine(context.batch), style: TextStyle(size: 10.5, alignment: .center))),
            .gap(6),
        ]
    }

    private static func profile(_ person: Person) -> [PageBlock] {
        let rows = NoticeText.profile(person).map { pair in
            [
                PageCell(pair.0, shaded: true), PageCell(shortened(pair.1, to: 40)), PageCell(pair.2, shaded: true),
                PageCell(shortened(pair.3, to: 40)),
            ]
        }
        return [
            .text(PageText(NoticeText.profileSection, style: heading)),
            .table(PageTable(weights: [1, 1.5, 1, 1.6], rows: rows, textSize: 10.5)),
            .gap(4),
        ]
    }

    private static func items(_ record: PersonRecord, _ context: OutputContext) -> [PageBlock] {
        let rows = context.university.applicableItems(for: record.person).map { item in
            let state = record.state(of: item.id)
            return [
                PageCell(item.name), PageCell(state.status.label, color: state.status.isCleared ? 0 : red),
                PageCell(shortened(state.remark, to: remarkLength)), PageCell(item.location),
            ]
        }
        return [
            .text(PageText(NoticeText.itemsSection, style: heading)),
            .table(PageTable(header: NoticeText.itemHeaders, weights: [1.2, 0.9, 1.9, 1.8], rows: rows)),
            .gap(4),
        ]
    }

    private static func closing(_ record: PersonRecord, _ context: OutputContext) -> [PageBlock] {
        let eligibility = Eligibility(record: record, university: context.university)
        let blockers = eligibility.blockers.map(\.item.name).joined(separator: "、")
        let strong = { (text: String, color: UInt32) in
            PageBlock.text(PageText(text, style: TextStyle(size: 12, color: color)))
        }
        var blocks: [PageBlock] = []
        if let issuance = record.issuance {
            blocks.append(strong(NoticeText.issued(at: IssueTime(zone: context.zone).text(issuance.time)), green))
            if !eligibility.isEligible { blocks.append(strong(NoticeText.heldAfterIssuance(blockers), red)) }
        } else if eligibility.isEligible {
            blocks.append(strong(NoticeText.eligible, green))
        } else {
            blocks.append(strong(NoticeText.blocked(blockers), red))
            blocks.append(.text(PageText("办理截止日期：\(context.batch.deadline)")))
        }
        blocks.append(.text(PageText(NoticeText.generated(context), isStamp: true)))
        blocks.append(.gap(22))
        blocks.append(.text(PageText(NoticeText.signature, style: TextStyle(size: 11))))
        return blocks
    }
}
