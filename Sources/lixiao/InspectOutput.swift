import Foundation
import Pipeline
import Sheets

/// The `inspect --json` document, written by hand so its keys keep their documented order.
enum InspectJSON {
    static func render(_ reader: SpreadsheetReader, sheets: [Int]) throws -> String {
        var out =
            "{\"format\": \(JSONText.quote(reader.format.rawValue)), \"encoding\": \(JSONText.quote(reader.encoding)), \"sheets\": ["
        for (position, index) in sheets.enumerated() {
            let info = reader.sheets[index]
            out += position == 0 ? "\n  " : ",\n  "
            out += "{\"name\": \(JSONText.quote(info.name)), \"hidden\": \(info.isHidden), \"rows\": ["
            var nextRow = 1
            try reader.forEachRow(inSheet: index) { row in
                // Rows are dense: rows[i] is sheet row i + 1, so positions match what staff see.
                while nextRow < row.number {
                    out += nextRow == 1 ? "\n    []" : ",\n    []"
                    nextRow += 1
                }
                out += nextRow == 1 ? "\n    [" : ",\n    ["
                out += row.cells.map { JSONText.quote($0.text) }.joined(separator: ", ")
                out += "]"
                nextRow = row.number + 1
            }
            out += nextRow == 1 ? "]}" : "\n  ]}"
        }
        out += sheets.isEmpty ? "]}" : "\n]}"
        return out
    }

    static func error(_ error: SheetError) -> String {
        "{\"file\": \(JSONText.quote(error.file)), \"error\": \(JSONText.quote(error.description)), "
            + "\"staffMessage\": \(JSONText.quote(error.staffMessage))}"
    }
}

/// The human view of `inspect`: a header line, then each sheet as an aligned table with row numbers.
enum InspectTable {
    static let maxColumnWidth = 24

    static func render(_ reader: SpreadsheetReader, sheets: [Int], rowLimit: Int) throws {
        let count = reader.sheets.count
        print(
            "\(reader.fileName): \(reader.format.rawValue), \(reader.encoding), \(count) sheet\(count == 1 ? "" : "s")")
        for index in sheets {
            let info = reader.sheets[index]
            var shown: [Row] = []
            var total = 0
            try reader.forEachRow(inSheet: index) { row in
                total += 1
                if rowLimit == 0 || shown.count < rowLimit { shown.append(row) }
            }
            let hidden = info.isHidden ? ", hidden" : ""
            print("\nSheet \(index + 1) \"\(info.name)\" (\(total) non-empty row\(total == 1 ? "" : "s")\(hidden))")
            printTable(shown)
            if shown.count < total { print("… \(total - shown.count) more rows (use --rows 0 to show all)") }
        }
    }

    private static func printTable(_ rows: [Row]) {
        let columns = rows.map(\.cells.count).max() ?? 0
        var widths = [Int](repeating: 1, count: columns)
        let texts = rows.map { row in row.cells.map { clip($0.text) } }
        for cells in texts {
            for (column, text) in cells.enumerated() { widths[column] = max(widths[column], DisplayWidth.of(text)) }
        }
        let numberWidth = String(rows.last?.number ?? 1).count
        for (row, cells) in zip(rows, texts) {
            var line = String(repeating: " ", count: numberWidth - String(row.number).count) + "\(row.number) │"
            for column in 0..<columns {
                let text = column < cells.count ? cells[column] : ""
                line += " " + text + String(repeating: " ", count: widths[column] - DisplayWidth.of(text)) + " │"
            }
            print(line)
        }
    }

    /// One line, at most `maxColumnWidth` wide, with line breaks shown as `⏎`.
    private static func clip(_ text: String) -> String {
        var result = ""
        var width = 0
        for character in text.replacingOccurrences(of: "\r\n", with: "⏎").map({ $0 == "\n" || $0 == "\r" ? "⏎" : $0 }) {
            let characterWidth = DisplayWidth.of(String(character))
            if width + characterWidth > maxColumnWidth - 1 {
                return result + "…"
            }
            result.append(character)
            width += characterWidth
        }
        return result
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
