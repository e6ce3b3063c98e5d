public import Sheets

extension Origin {
    /// Adds the origin as a hidden, protected sheet named `Origin.sheetName` at the end of `workbook`.
    ///
    /// Call it after adding the sheet staff fill in, so that sheet stays first (intake reads the first sheet).
    /// Rows are written top to bottom, so a constant-memory workbook works too. Every cell is text, IDs with the
    /// text number format. The layout is `OriginLayout`'s. Throws when the workbook already has such a sheet or a
    /// cell cannot be written (a remark longer than Excel's 32,767 characters). `signer` computes the check code.
    public func write(into workbook: WorkbookBuilder, signer: OriginSigner) throws(XlsxWriterError) {
        let sheet = try workbook.addSheet(Origin.sheetName)
        sheet.protect(unlockedColumns: [])
        let text = CellStyle(numberFormat: .text)
        try sheet.write(Origin.marker, row: 0, column: 0, style: text)
        try sheet.write(String(Origin.version), row: 0, column: 1, style: text)
        try sheet.write(OriginLayout.note, row: 0, column: 2)
        var values = OriginLayout.values(of: self)
        let checksum = signer.code(of: self)
        values["checksum"] = checksum
        // The position and time it was generated at, and the code computed over them, are the workbook's stamp.
        workbook.stamp(checksum)
        workbook.stamp(generatedAt)
        workbook.depends(on: "origin key " + signer.keyIdentifier)
        var row = 1
        for (key, label) in OriginLayout.keys {
            try sheet.write(key, row: row, column: 0, style: text)
            if key == "sequence" {
                try sheet.writeStamp(values[key] ?? "", row: row, column: 1, style: text)
            } else {
                try sheet.write(values[key] ?? "", row: row, column: 1, style: text)
            }
            try sheet.write(label, row: row, column: 2)
            row += 1
        }
        for (column, header) in OriginLayout.rowHeader.enumerated() {
            try sheet.write(header, row: row, column: column)
        }
        for entry in OriginLayout.sortedRows(of: self) {
            row += 1
            try sheet.writeID(entry.id.rawValue, row: row, column: 0)
            try sheet.write(String(entry.state.status.rawValue), row: row, column: 1, style: text)
            try sheet.write(entry.state.remark, row: row, column: 2, style: text)
        }
        sheet.setColumnWidth(0, 16)
        sheet.setColumnWidth(1, 22)
        sheet.setColumnWidth(2, 40)
        sheet.hide()
    }
}
