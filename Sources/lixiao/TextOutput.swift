import Sheets

/// Terminal text that lines up with CJK characters counted double.
enum DisplayText {
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }

    /// Prints rows as an aligned table with a header rule; columns listed in `numeric` align right.
    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) {
        var widths = header.map(width)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) } }
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                numeric.contains(index) ? padLeft(cell, widths[index]) : pad(cell, widths[index])
            }.joined(separator: "  ")
        }
        print(render(header))
        print(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows { print(render(row)) }
    }
}
