internal import CXlsxWriter

extension SheetWriter {
    /// Adds a drop-down of `values` to `column`, rows `firstRow...lastRow`; other entries are refused.
    ///
    /// Short lists are stored in the validation itself. A longer list — over 255 UTF-8 bytes joined with commas,
    /// or with a value containing a comma or a double quote — goes into its own column of the workbook's hidden
    /// list sheet (made on first need, named `_lists`) and the validation points at that range. Excel's limit is
    /// 255 characters, but libxlsxwriter 1.1.4 copies the list into a 258-byte buffer, and a longer Chinese list
    /// overflows it (glibc aborts the process), so bytes are counted. `prompt` shows when a cell is selected; `error` replaces
    /// Excel's refusal message; titles hold at most 32 characters, messages 255. The corresponding C function is
    /// `worksheet_data_validation_range`.
    public func addListValidation(
        column: Int, firstRow: Int, lastRow: Int, values: [String],
        prompt: (title: String, message: String)? = nil,
        error: (title: String, message: String)? = nil
    ) throws(XlsxWriterError) {
        workbook.requireOpen()
        let context = "adding a drop-down to column \(SheetName.columnLetters(column)) of sheet \"\(name)\""
        try checkPosition(row: firstRow, column: column, doing: "adding a drop-down")
        try checkPosition(row: lastRow, column: column, doing: "adding a drop-down")
        guard firstRow <= lastRow, !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw XlsxWriterError(
                LXW_ERROR_PARAMETER_VALIDATION, context: context,
                detail: "a drop-down needs at least one value, none empty, over rows firstRow...lastRow")
        }
        var arena = CStringArena()
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        if let prompt {
            validation.input_title = arena.copy(prompt.title)
            validation.input_message = arena.copy(prompt.message)
        }
        if let error {
            validation.error_title = arena.copy(error.title)
            validation.error_message = arena.copy(error.message)
        }
        let result: lxw_error
        if SheetWriter.fitsLiteralList(values) {
            var list: [UnsafeMutablePointer<CChar>?] = values.map { arena.copy($0) }
            list.append(nil)
            result = list.withUnsafeMutableBufferPointer { pointers in
                validation.value_list = pointers.baseAddress
                return worksheet_data_validation_range(
                    worksheet, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column),
                    &validation)
            }
        } else {
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = arena.copy(try workbook.listSheet().reference(for: values))
            result = worksheet_data_validation_range(
                worksheet, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column),
                &validation)
        }
        try XlsxWriterError.check(result, context)
    }

    /// Whether Excel (and libxlsxwriter's 258-byte buffer) can hold `values` as a literal list: at most 255 UTF-8
    /// bytes joined with commas, and no value holding a comma or a double quote.
    static func fitsLiteralList(_ values: [String]) -> Bool {
        let joinedBytes = values.reduce(values.count - 1) { $0 + $1.utf8.count }
        return joinedBytes <= 255 && !values.contains { $0.contains(",") || $0.contains("\"") }
    }
}
