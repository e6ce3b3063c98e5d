public import Sheets

/// Writes a receipt (回执) as a workbook: a summary sheet, then one line per row of the dropped file.
///
/// Both sheets print on A4 portrait, one page wide. The summary opens with a headline that says what needs
/// attention (conflicts, errors, overwrites, a refusal) or that all went through; counts are numbers, long
/// reasons and notes wrap. 逐行结果 lists the rows that need a look first — errors, conflicts, 覆盖, not yet
/// eligible — each tinted, then the rest in file order; its header repeats on every page.
public enum ReceiptWorkbook {
    /// Writes `receipt` to `path` (the caller publishes it atomically).
    public static func write(_ receipt: Receipt, to path: String) throws {
        try model(receipt).write(to: path)
    }

    /// The receipt's workbook.
    public static func model(_ receipt: Receipt) throws -> WorkbookModel {
        let workbook = WorkbookBuilder(constantMemory: receipt.rows.count > 5_000)
        try workbook.setProperties(
            DocumentProperties(
                title: "回执：\(receipt.fileName)", subject: "离校系统文件处理回执", author: "lixiao", company: ""))
        try summary(receipt, in: try workbook.addSheet("概要"))
        try rows(receipt, in: try workbook.addSheet("逐行结果"))
        return workbook.model
    }

    private static let title = CellStyle(bold: true, fontSize: 14)
    private static let label = CellStyle(bold: true, fillColor: 0xF2F2F2, verticallyCentered: true, border: .thin)
    private static let value = CellStyle(
        verticallyCentered: true, wrapsText: true, border: .thin, numberFormat: .text)
    private static let count = CellStyle(
        horizontalAlignment: .left, verticallyCentered: true, border: .thin, numberFormat: .integer)
    private static let header = CellStyle(bold: true, fillColor: 0xDDEBF7, border: .thin)
    private static let attention = CellStyle(bold: true, fontColor: 0xC00000, wrapsText: true)
    private static let allClear = CellStyle(bold: true, fontColor: 0x375623, wrapsText: true)

    /// The tint of a row that needs a look, by result; `nil` for rows that do not.
    static func tint(_ result: Receipt.RowResult) -> UInt32? {
        switch result {
        case .error: 0xF8CBAD
        case .conflict: 0xFCE4D6
        case .overwritten: 0xFFF2CC
        case .notEligible, .notDeparting, .withdrawn: 0xEDEDED
        case .added, .updated, .unchanged, .applied, .moved, .restored: nil
        }
    }

    /// The order 逐行结果 lists results in: what needs a look first.
    static func rank(_ result: Receipt.RowResult) -> Int {
        switch result {
        case .error: 0
        case .conflict: 1
        case .overwritten: 2
        case .notEligible: 3
        case .notDeparting, .withdrawn: 4
        case .added, .updated, .applied, .moved, .restored: 5
        case .unchanged: 6
        }
    }

    /// The height in points a cell of `width` needs to show `text` wrapped, or `nil` for one line: spreadsheet
    /// programs do not all size rows on opening (LibreOffice keeps a stored file's row heights).
    static func wrappedHeight(_ text: String, width: Double) -> Double? {
        let usable = max(width - 2, 1)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            total + max(1, Int((Double(DisplayWidth.of(line)) / usable).rounded(.up)))
        }
        return lines > 1 ? min(Double(lines) * 14.5 + 2, 409) : nil
    }

    /// The headline under the title: what needs attention, or that everything went through.
    static func headline(_ receipt: Receipt) -> (text: String, needsAttention: Bool) {
        switch receipt.outcome {
        case .rejected: return ("整份文件已拒收，未做任何更改：原因见下方「拒收原因」", true)
        case .duplicate: return ("此文件与之前处理过的文件内容相同，本次未做任何更改", false)
        case .processed:
            var problems: [String] = []
            for (result, words) in [
                (Receipt.RowResult.error, "行有错误（未应用）"), (.conflict, "行冲突（未应用）"), (.overwritten, "行覆盖了别人设置的值"),
            ] {
                let count = receipt.rows.filter { $0.result == result }.count
                if count > 0 { problems.append("\(count) \(words)") }
            }
            guard !problems.isEmpty else { return ("已全部处理，无需再做什么", false) }
            return ("请查看「逐行结果」最前面标色的行：" + problems.joined(separator: "，"), true)
        }
    }

    /// The width of the summary's value column and of 逐行结果's 说明 column: together with the labels, one A4
    /// page wide.
    private static let valueWidth = 62.0
    private static let detailWidth = 58.0

    private static func summary(_ receipt: Receipt, in sheet: SheetBuilder) throws(XlsxWriterError) {
        try sheet.mergeTitle("文件处理回执", row: 0, firstColumn: 0, lastColumn: 1, style: title)
        let headline = headline(receipt)
        try sheet.setRowHeight(1, 33)
        try sheet.mergeTitle(
            headline.text, row: 1, firstColumn: 0, lastColumn: 1, style: headline.needsAttention ? attention : allClear)
        var lines: [(String, String)] = [
            ("文件名", receipt.fileName), ("放入位置", "inbox/" + receipt.folder), ("处理时间", receipt.processedAt),
        ]
        switch receipt.outcome {
        case .processed:
            let errors = receipt.rows.filter { $0.result == .error }.count
            lines.append(("处理结果", errors == 0 ? "已处理" : "已处理（\(errors) 行有错误，未应用，见「逐行结果」）"))
        case .rejected(let reason):
            lines.append(("处理结果", "整份文件已拒收，未做任何更改"))
            lines.append(("拒收原因", reason))
        case .duplicate(let first, let name):
            lines.append(("处理结果", "与 \(first) 处理过的文件「\(name)」内容完全相同，本次未做任何更改"))
            lines.append(("如需再次应用", "同一内容只应用一次。若确要再次应用（例如有人改动后需恢复），请打开文件重新保存或修改后再放入"))
        }
        var row = 3
        for line in lines {
            if let height = wrappedHeight(line.1, width: valueWidth) { try sheet.setRowHeight(row, height) }
            try sheet.write(line.0, row: row, column: 0, style: label)
            try sheet.write(line.1, row: row, column: 1, style: value)
            row += 1
        }
        for count in receipt.counts {
            try sheet.write(count.label, row: row, column: 0, style: label)
            try sheet.write(Double(count.value), row: row, column: 1, style: Self.count)
            row += 1
        }
        for (label, text) in receipt.notes.map({ ("说明", $0) }) + [("文件指纹（SHA-256）", receipt.sha256)] {
            if let height = wrappedHeight(text, width: valueWidth) { try sheet.setRowHeight(row, height) }
            try sheet.write(label, row: row, column: 0, style: Self.label)
            try sheet.write(text, row: row, column: 1, style: value)
            row += 1
        }
        sheet.setColumnWidth(0, 24)
        sheet.setColumnWidth(1, valueWidth)
        try sheet.printSetup(PrintSetup(landscape: false, centeredHorizontally: false))
    }

    private static func rows(_ receipt: Receipt, in sheet: SheetBuilder) throws(XlsxWriterError) {
        let headers = ["行号", "学工号", "姓名", "结果", "说明"]
        for (column, text) in headers.enumerated() { try sheet.write(text, row: 0, column: column, style: header) }
        // Problems first, each group in file order (the sort is stable).
        let ordered = receipt.rows.enumerated().sorted {
            (rank($0.element.result), $0.offset) < (rank($1.element.result), $1.offset)
        }.map(\.element)
        var styles: [UInt32?: (plain: CellStyle, id: CellStyle, number: CellStyle)] = [:]
        for (index, line) in ordered.enumerated() {
            let fill = tint(line.result)
            let style =
                styles[fill]
                ?? (
                    CellStyle(fillColor: fill, verticallyCentered: true, wrapsText: true, border: .thin),
                    CellStyle(fillColor: fill, verticallyCentered: true, border: .thin, numberFormat: .text),
                    CellStyle(fillColor: fill, verticallyCentered: true, border: .thin, numberFormat: .integer)
                )
            styles[fill] = style
            let row = index + 1
            if let height = wrappedHeight(line.detail, width: detailWidth) { try sheet.setRowHeight(row, height) }
            try sheet.write(Double(line.row), row: row, column: 0, style: style.number)
            try sheet.writeID(line.id, row: row, column: 1, style: style.id)
            try sheet.write(line.name, row: row, column: 2, style: style.plain)
            try sheet.write(line.result.label, row: row, column: 3, style: style.plain)
            try sheet.write(line.detail, row: row, column: 4, style: style.plain)
        }
        sheet.freezeHeader(rows: 1)
        if !receipt.rows.isEmpty {
            try sheet.autoFilter(firstRow: 0, firstColumn: 0, lastRow: receipt.rows.count, lastColumn: 4)
        }
        for (column, width) in [6.0, 13, 10, 10, detailWidth].enumerated() { sheet.setColumnWidth(column, width) }
        try sheet.printSetup(PrintSetup(landscape: false, repeatRows: 0...0, centeredHorizontally: false))
    }
}
