import Clearance
public import Sheets

extension Origin {
    /// The origin embedded in the workbook `reader` opened, or `nil` when it has none (a hand-made sheet, a CSV).
    ///
    /// The sheet is found by name (`Origin.sheetName`, ignoring case), hidden or not, so xlsx and xls saved by
    /// Excel, WPS or LibreOffice all work. Cells are read as text, so a numeric ID or status a program stored as a
    /// number still reads right. Throws `OriginError` when the sheet is there but damaged, edited or from a newer
    /// layout, and the reader's `SheetError` when the sheet cannot be read at all. `signer` verifies the check code:
    /// an origin whose code it did not make is refused (`checksumMismatch`).
    public static func read(from reader: SpreadsheetReader, signer: OriginSigner) throws -> Origin? {
        let name = sheetName.lowercased()
        guard let index = reader.sheets.firstIndex(where: { $0.name.lowercased() == name }) else { return nil }
        let rows = try reader.rows(inSheet: index)
        return try parse(rows, signer: signer)
    }

    /// Parses the origin sheet's rows (see `OriginLayout`).
    static func parse(_ rows: [Row], signer: OriginSigner) throws(OriginError) -> Origin {
        func text(_ row: Row, _ column: Int) -> String {
            row[column].text.trimmingSpaces
        }
        guard let first = rows.first, text(first, 0) == marker else { throw OriginError(.missingMarker) }
        guard text(first, 1) == String(version) else { throw OriginError(.unsupportedVersion(text(first, 1))) }

        var values: [String: String] = [:]
        var position = 1
        while position < rows.count, text(rows[position], 0) != OriginLayout.rowHeader[0] {
            values[text(rows[position], 0)] = text(rows[position], 1)
            position += 1
        }
        guard position < rows.count else { throw OriginError(.missingKey(OriginLayout.rowHeader[0])) }
        func required(_ key: String) throws(OriginError) -> String {
            guard let value = values[key], !value.isEmpty else { throw OriginError(.missingKey(key)) }
            return value
        }
        func optional(_ key: String) -> String? {
            values[key].flatMap { $0.isEmpty ? nil : $0 }
        }
        func number(_ key: String) throws(OriginError) -> Int {
            let value = try required(key)
            guard let number = Int(value), number >= 0 else { throw OriginError(.badValue(key: key, value: value)) }
            return number
        }

        let kindText = try required("kind")
        guard let kind = Kind(rawValue: kindText) else { throw OriginError(.badValue(key: "kind", value: kindText)) }
        var origin = Origin(
            kind: kind, batch: try required("batch"), item: optional("item").map(ItemID.init(rawValue:)),
            college: optional("college"), advisor: optional("advisor"), sequence: try number("sequence"),
            generatedAt: try required("generatedAt"), rows: [:])
        let expectedRows = try number("rows")
        let checksum = try required("checksum")

        for row in rows[(position + 1)...] {
            let id = text(row, 0)
            guard !id.isEmpty else {
                throw OriginError(.badRow(row: row.number, reason: OriginError.RowReason.missingID))
            }
            guard let code = Int(text(row, 1)), let status = Status(rawValue: code) else {
                throw OriginError(.badRow(row: row.number, reason: OriginError.RowReason.badStatus))
            }
            let key = PersonID(rawValue: id)
            guard origin.rows[key] == nil else {
                throw OriginError(.badRow(row: row.number, reason: OriginError.RowReason.duplicate(id)))
            }
            origin.rows[key] = ItemState(status: status, remark: row[2].text)
        }
        guard origin.rows.count == expectedRows else {
            throw OriginError(.rowCount(expected: expectedRows, found: origin.rows.count))
        }
        guard signer.verifies(origin, code: checksum) else {
            if signer.predatesKey(batch: origin.batch, sequence: origin.sequence) { throw OriginError(.unverifiable) }
            throw OriginError(.checksumMismatch)
        }
        return origin
    }
}

extension String {
    /// The text without leading and trailing spaces (also U+3000) and line breaks.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
