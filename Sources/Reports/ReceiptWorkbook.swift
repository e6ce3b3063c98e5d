import Sheets

/// Writes a receipt (回执) as a workbook: a summary sheet, then one line per row of the dropped file.
public enum ReceiptWorkbook {
    /// Writes `receipt` to `path` (the caller publishes it atomically).
    public static func write(_ receipt: Receipt, to path: String) throws {
        let workbook = try WorkbookWriter(path: path, options: .init(constantMemory: receipt.rows.count > 5_000))
        try workbook.setProperties(
            DocumentProperties(
                title: "回执：\(receipt.fileName)", subject: "离校系统文件处理回执", author: "lixiao", company: ""))
        try summary(receipt, in: try workbook.addSheet("概要"))
        try rows(receipt, in: try workbook.addSheet("逐行结果"))
        try workbook.close()
    }

    private static let title = CellStyle(bold: true, fontSize: 14)
    private static let label = CellStyle(bold: true, fillColor: 0xF2F2F2, border: .thin)
    private static let value = CellStyle(border: .thin, numberFormat: .text)
    private static let header = CellStyle(bold: true, fillColor: 0xDDEBF7, border: .thin)

    private static func summary(_ receipt: Receipt, in sheet: SheetWriter) throws(XlsxWriterError) {
        try sheet.write("文件处理回执", row: 0, column: 0, style: title)
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
        for count in receipt.counts { lines.append((count.label, String(count.value))) }
        for note in receipt.notes { lines.append(("说明", note)) }
        lines.append(("文件指纹（SHA-256）", receipt.sha256))
        for (index, line) in lines.enumerated() {
            try sheet.write(line.0, row: index + 2, column: 0, style: label)
            try sheet.write(line.1, row: index + 2, column: 1, style: value)
        }
        sheet.setColumnWidth(0, 22)
        sheet.setColumnWidth(1, 80)
    }

    private static func rows(_ receipt: Receipt, in sheet: SheetWriter) throws(XlsxWriterError) {
        let headers = ["行号", "学工号", "姓名", "结果", "说明"]
        for (column, text) in headers.enumerated() { try sheet.write(text, row: 0, column: column, style: header) }
        for (index, line) in receipt.rows.enumerated() {
            let row = index + 1
            try sheet.write(Double(line.row), row: row, column: 0)
            try sheet.writeID(line.id, row: row, column: 1)
            try sheet.write(line.name, row: row, column: 2)
            try sheet.write(line.result.label, row: row, column: 3)
            try sheet.write(line.detail, row: row, column: 4)
        }
        sheet.freezeHeader(rows: 1)
        if !receipt.rows.isEmpty {
            try sheet.autoFilter(firstRow: 0, firstColumn: 0, lastRow: receipt.rows.count, lastColumn: 4)
        }
        sheet.autoFitColumns(minimum: 6, maximum: 70)
    }
}
