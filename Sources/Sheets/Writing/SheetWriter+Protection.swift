internal import CXlsxWriter

extension SheetWriter {
    /// Protects the sheet so that only `unlockedColumns`, from `firstRow` down, can be edited.
    ///
    /// Call it right after `addSheet`, before writing any cell (a precondition): every cell written afterwards in
    /// an unlocked column at or below `firstRow` gets the unlocked variant of its style, and the unlocked
    /// columns' default format is unlocked too, so empty cells below the data stay editable. Header rows above
    /// `firstRow` and merged titles stay locked. Users may still select cells, filter, sort, and resize or
    /// format columns and rows. `password` (nil or empty for none) only deters: Excel's sheet password hash is
    /// weak. The corresponding C function is `worksheet_protect`.
    public func protect(password: String? = nil, unlockedColumns: Set<Int>, fromRow firstRow: Int = 0) {
        workbook.requireOpen()
        SheetRules.checkProtection(
            unlockedColumns: unlockedColumns, firstRow: firstRow, sheet: name, hasWrittenCells: hasWrittenCells,
            isProtected: protection != nil)
        protection = (unlockedColumns, firstRow)
        record.unlockedColumns = unlockedColumns
        var options = lxw_protection()
        options.format_columns = 1
        options.format_rows = 1
        options.sort = 1
        options.autofilter = 1
        if let password, !password.isEmpty {
            worksheet_protect(worksheet, password, &options)
        } else {
            worksheet_protect(worksheet, nil, &options)
        }
    }

    /// Whether `protect` has been called on this sheet.
    public var isProtected: Bool { protection != nil }
}
