internal import CXlsxWriter

/// Excel's rules for sheet names, checked before libxlsxwriter sees one so the error says which rule broke.
enum SheetName {
    /// The characters Excel refuses anywhere in a sheet name.
    static let forbiddenCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    /// Excel counts UTF-16 units; libxlsxwriter's own limit (31 code points) is then always met.
    static let maximumLength = 31

    /// Throws unless `name` is a valid, new sheet name for a workbook already holding `existing`.
    ///
    /// Names are compared case-insensitively, as Excel does. `History` is reserved by Excel. Every failure has
    /// the kind `invalidSheetName`.
    static func validate(_ name: String, existing: [String]) throws(XlsxWriterError) {
        let context = "adding sheet \"\(name)\""
        func fail(_ error: lxw_error, _ detail: String) -> XlsxWriterError {
            XlsxWriterError(error, context: context, detail: detail, kind: .invalidSheetName)
        }
        if name.isEmpty {
            throw fail(LXW_ERROR_PARAMETER_VALIDATION, "a sheet name cannot be empty")
        }
        if name.utf16.count > maximumLength {
            throw fail(
                LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED,
                "a sheet name has at most \(maximumLength) characters; this one has \(name.utf16.count)")
        }
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            throw fail(
                LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
                "a sheet name cannot contain \"\(bad)\"; Excel forbids [ ] : * ? / \\")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
            throw fail(LXW_ERROR_INVALID_SHEETNAME_CHARACTER, "a sheet name cannot contain control characters")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw fail(LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, "a sheet name cannot begin or end with '")
        }
        if name.lowercased() == "history" {
            throw fail(LXW_ERROR_PARAMETER_VALIDATION, "Excel reserves the sheet name \"History\"")
        }
        let folded = name.lowercased()
        if let clash = existing.first(where: { $0.lowercased() == folded }) {
            throw fail(
                LXW_ERROR_SHEETNAME_ALREADY_USED,
                "the workbook already has a sheet \"\(clash)\"; Excel ignores case in sheet names")
        }
    }

    /// `name` quoted for use in a formula: `'学院统计'`, with inner apostrophes doubled.
    static func quoted(_ name: String) -> String {
        "'" + name.replacing("'", with: "''") + "'"
    }

    /// The column letters of a 0-based column index: 0 → `A`, 26 → `AA`.
    static func columnLetters(_ column: Int) -> String {
        var letters = ""
        var remaining = column + 1
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            remaining = (remaining - 1) / 26
        }
        return letters
    }

    /// The A1-style reference of a 0-based cell, such as `D7`, for messages.
    static func cellReference(row: Int, column: Int) -> String {
        columnLetters(max(column, 0)) + String(row + 1)
    }
}
