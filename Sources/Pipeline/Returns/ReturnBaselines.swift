import Clearance
import Ledger
import Reports

/// Which export each row of a returned department or advisor sheet came from, and its value then.
///
/// A row names its export by the code in its 导出编号 column; a row without one (hand-added, a range row)
/// belongs to the file's export: the hidden origin sheet's, else the code in the notes, else the one code every
/// coded row shares. A row with neither has no baseline and applies as written. Values come from the origin
/// sheet for the people it lists, and from the journal at the export's position (`ItemHistory`) for everyone
/// else — so a CSV, an `.xls` without hidden sheets, or rows pasted into a new workbook keep stale protection.
struct ReturnBaselines {
    let item: ItemID
    let origin: Origin?
    /// The verified code of each row that has one, by row number; a code that does not verify is a failure.
    let rowCodes: [Int: Result<ExportCode, ExportCode.Problem>]
    /// The export a row without its own code belongs to, when the file names one.
    let fileCode: ExportCode?
    private let journals: [String: Journal]
    private var histories: [String: ItemHistory] = [:]

    init(item: ItemID, sheet: ReturnSheet, signer: OriginSigner, journals: [String: Journal]) {
        self.item = item
        origin = sheet.origin
        self.journals = journals
        var rowCodes: [Int: Result<ExportCode, ExportCode.Problem>] = [:]
        if sheet.columns[.exportCode] != nil {
            // Every row of one export carries the same code: each distinct text is checked once.
            var checked: [String: Result<ExportCode, ExportCode.Problem>] = [:]
            for row in sheet.rows {
                guard let cell = sheet.cell(row, .exportCode), !cell.isEmpty else { continue }
                if let known = checked[cell.text] {
                    rowCodes[row.number] = known
                    continue
                }
                let result = ExportCode.read(cell.text, signer: signer) ?? .failure(.malformed)
                checked[cell.text] = result
                rowCodes[row.number] = result
            }
        }
        self.rowCodes = rowCodes
        let shared = Set(rowCodes.values.compactMap { try? $0.get() })
        fileCode =
            sheet.origin.flatMap(ExportCode.init) ?? (try? sheet.noteCode?.get())
            ?? (shared.count == 1 ? shared.first : nil)
    }

    /// Every export the file names: its origin's, its notes' and its rows' codes, each once.
    var codes: [ExportCode] {
        var seen: Set<ExportCode> = []
        return ([fileCode].compactMap { $0 } + rowCodes.values.compactMap { try? $0.get() }).filter {
            seen.insert($0).inserted
        }
    }

    /// The export `row` came from: `nil` when the file names none, a problem when its own code is bad.
    func code(of row: Int) -> Result<ExportCode?, ExportCode.Problem> {
        switch rowCodes[row] {
        case .success(let code): .success(code)
        case .failure(let problem): .failure(problem)
        case nil: .success(fileCode)
        }
    }

    /// `id`'s value when `code`'s export was made.
    mutating func exported(_ id: PersonID, code: ExportCode) throws -> ItemState {
        if let origin, ExportCode(origin) == code, let listed = origin.rows[id] { return listed }
        return try history(code.batch)?.state(of: id, at: code.sequence) ?? .initial
    }

    /// The journal record that set `id`'s current value in `batch`, or `nil` when none did.
    mutating func lastChange(of id: PersonID, batch: String) throws -> ItemHistory.Change? {
        try history(batch)?.lastChange(of: id)
    }

    /// Whether `code` points past the end of its batch's journal (records lost, or a code from another ledger).
    func isBeyondJournal(_ code: ExportCode) -> Bool {
        guard let journal = journals[code.batch] else { return false }
        return code.sequence > journal.lastSequence
    }

    private mutating func history(_ batch: String) throws -> ItemHistory? {
        if let known = histories[batch] { return known }
        guard let journal = journals[batch] else { return nil }
        let history = try ItemHistory(journal: journal, item: item)
        histories[batch] = history
        return history
    }
}
