public import Clearance

/// Where a generated sheet that staff return came from: its kind, batch, scope, ledger position and the value of
/// every listed row at export.
///
/// Every export that staff fill in and return (数据导出, 导师签字, 可发证) embeds its origin in a hidden, protected
/// sheet (`Origin.sheetName`). On return, a row whose value equals its origin value is no change; a changed value
/// is applied unless the ledger changed that cell since `sequence` (a conflict, DESIGN.md §3). The sheet is plain
/// cells — keys, values and ID rows, all stored as text — so it survives Excel, WPS and LibreOffice saving the
/// workbook as xlsx or xls. A workbook without it (hand-made, CSV) has no origin and applies every row as written.
public struct Origin: Sendable, Hashable {
    /// Which kind of sheet the origin belongs to, so a return dropped in the wrong folder can be refused.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A department's 数据导出: `item` is the department's item; `college` is set for college-scoped items.
        case department
        /// An advisor's 导师签字 sheet: `item` is the advisor item and `advisor` the advisor's 工号.
        case advisor
        /// A college's 可发证 issuance list: `college` is the college id and `item` is `nil`.
        case issuance
    }

    public var kind: Kind
    /// The batch id (`2027-summer`), never its display name.
    public var batch: String
    /// The clearance item the sheet sets, or `nil` for issuance lists.
    public var item: ItemID?
    /// The college id, for college-scoped items' exports and for issuance lists; `nil` for whole-school sheets.
    public var college: String?
    /// The advisor's 工号, for advisor sheets.
    public var advisor: String?
    /// The ledger's last journal sequence number when the sheet was generated.
    public var sequence: Int
    /// When the sheet was generated, in local time as `OutputContext.generatedAt` gives it.
    public var generatedAt: String
    /// Every listed person's value at export.
    ///
    /// For department and advisor sheets: the item's status and remark. For issuance lists the status says
    /// whether the certificates were already issued at export (`.done` issued, `.pending` not yet) and the remark
    /// is the 确认发证 value the list showed (usually empty).
    public var rows: [PersonID: ItemState]

    public init(
        kind: Kind, batch: String, item: ItemID? = nil, college: String? = nil, advisor: String? = nil,
        sequence: Int, generatedAt: String, rows: [PersonID: ItemState]
    ) {
        self.kind = kind
        self.batch = batch
        self.item = item
        self.college = college
        self.advisor = advisor
        self.sequence = sequence
        self.generatedAt = generatedAt
        self.rows = rows
    }

    /// The hidden sheet that holds the origin.
    public static let sheetName = "_lixiao_origin"
    /// The text in A1 of the origin sheet that identifies it.
    static let marker = "lixiao-origin"
    /// The layout version written in B1; `read` refuses a newer one with a clear message.
    static let version = 1
}

extension Origin {
    /// The origin of a department export of `item` listing `records`, taken from `context`.
    init(department item: ItemID, college: College?, records: [PersonRecord], context: OutputContext) {
        self.init(
            kind: .department, batch: context.batch.id, item: item, college: college?.id, sequence: context.sequence,
            generatedAt: context.generatedAt,
            rows: Dictionary(records.map { ($0.person.id, $0.state(of: item)) }) { first, _ in first })
    }
}
