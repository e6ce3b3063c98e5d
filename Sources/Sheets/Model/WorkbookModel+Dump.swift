extension WorkbookModel {
    /// The model as stable, readable text, for golden files that show a change to what staff see as a diff.
    ///
    /// Styles print by the name given in `styleNames` (others as `s<n>` with their definition listed once), cells
    /// by reference (`A6 "0123456" [id]`), charts with their series' cell ranges, printing as its settings. Only the
    /// first `rowsPerSheet` rows' cells of each sheet are listed; the rest are counted.
    public func dump(styleNames: [CellStyle: String] = [:], rowsPerSheet: Int = .max) -> String {
        var lines: [String] = []
        lines.append("workbook" + (constantMemory ? " (constant memory)" : ""))
        if let properties {
            let fields: [(String, String?)] = [
                ("title", properties.title), ("subject", properties.subject), ("author", properties.author),
                ("manager", properties.manager), ("company", properties.company), ("category", properties.category),
                ("keywords", properties.keywords), ("comments", properties.comments),
            ]
            for (key, value) in fields { if let value { lines.append("  property \(key) \(Self.quoted(value))") } }
            if let created = properties.createdUnixTime { lines.append("  property created \(created)") }
        }
        for dependency in dependencies { lines.append("  depends on \(Self.quoted(dependency))") }
        func name(_ index: Int32) -> String {
            let style = styles[Int(index)]
            if style == CellStyle() { return "" }
            return " [" + (styleNames[style] ?? "s\(index)") + "]"
        }
        for (index, style) in styles.enumerated() where style != CellStyle() && styleNames[style] == nil {
            lines.append("  style s\(index) = \(Self.describe(style))")
        }
        for sheet in sheets {
            lines.append("sheet \(Self.quoted(sheet.name))")
            var hidden = 0
            for operation in sheet.operations {
                if let row = operation.row, row >= rowsPerSheet {
                    hidden += 1
                    continue
                }
                lines.append("  " + Self.line(operation, style: name))
            }
            if hidden > 0 { lines.append("  … \(hidden) more cells below row \(rowsPerSheet)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func line(_ operation: SheetOperation, style name: (Int32) -> String) -> String {
        func cell(_ row: Int32, _ column: Int32) -> String {
            SheetName.cellReference(row: Int(row), column: Int(column))
        }
        switch operation {
        case .text(let row, let column, let style, let text):
            return "\(cell(row, column)) \(quoted(text))\(name(style))"
        case .stampText(let row, let column, let style, let text):
            return "\(cell(row, column)) stamp \(quoted(text))\(name(style))"
        case .number(let row, let column, let style, let number):
            return "\(cell(row, column)) \(PlainNumber.format(number))\(name(style))"
        case .date(let row, let column, let style, let date):
            return "\(cell(row, column)) date \(date)\(name(style))"
        case .blank(let row, let column, let style):
            return "\(cell(row, column)) blank\(name(style))"
        case .title(let title):
            return "\(SheetName.cellReference(row: title.row, column: title.firstColumn)):"
                + "\(SheetName.cellReference(row: title.row, column: title.lastColumn)) merged "
                + "\(quoted(title.text)) {\(describe(title.style))}"
        case .protect(let protection):
            return "protect, editable columns "
                + (protection.unlockedColumns.map(SheetName.columnLetters).joined(separator: ",").nonEmpty ?? "none")
                + " from row \(protection.firstRow + 1)" + (protection.password == nil ? "" : ", with a password")
        case .columnWidth(let column, let width):
            return "column \(SheetName.columnLetters(column)) width \(PlainNumber.format(width))"
        case .autoFit(let minimum, let maximum):
            return "fit columns \(PlainNumber.format(minimum))…\(PlainNumber.format(maximum))"
        case .freezeHeader(let rows):
            return "freeze \(rows) rows"
        case .autoFilter(let firstRow, let firstColumn, let lastRow, let lastColumn):
            return "filter \(SheetName.cellReference(row: firstRow, column: firstColumn)):"
                + SheetName.cellReference(row: lastRow, column: lastColumn)
        case .rowHeight(let row, let height):
            return "row \(row + 1) height \(PlainNumber.format(height))"
        case .printColumns(let columns):
            return "print columns \(SheetName.columnLetters(columns.lowerBound)):"
                + SheetName.columnLetters(columns.upperBound)
        case .listValidation(let validation):
            return "drop-down \(SheetName.cellReference(row: validation.firstRow, column: validation.column)):"
                + "\(SheetName.cellReference(row: validation.lastRow, column: validation.column)) "
                + validation.values.map(quoted).joined(separator: " | ")
                + (validation.promptTitle.map { ", prompt \(quoted($0)): \(quoted(validation.promptMessage ?? ""))" }
                    ?? "")
                + (validation.errorTitle.map { ", error \(quoted($0)): \(quoted(validation.errorMessage ?? ""))" }
                    ?? "")
        case .chart(let chart, let row, let column):
            return chartLines(chart, at: SheetName.cellReference(row: row, column: column))
        case .printSetup(let setup):
            var parts = ["print A4", setup.landscape ? "landscape" : "portrait"]
            if setup.fitToWidth { parts.append("one page wide") }
            if let rows = setup.repeatRows { parts.append("repeat rows \(rows.lowerBound + 1)-\(rows.upperBound + 1)") }
            if setup.centeredHorizontally { parts.append("centred") }
            if setup.pageNumbers { parts.append("page numbers") }
            if let header = setup.headerText { parts.append("header \(quoted(header))") }
            if let footer = setup.footerText { parts.append("footer \(quoted(footer))") }
            return parts.joined(separator: ", ")
        case .landscape:
            return "landscape"
        case .hide:
            return "hidden"
        }
    }

    private static func chartLines(_ chart: ChartSpec, at anchor: String) -> String {
        var text = "chart \(chart.kind) at \(anchor) \(quoted(chart.title))"
        var options: [String] = []
        if let title = chart.categoryAxisTitle { options.append("categories titled \(quoted(title))") }
        if let title = chart.valueAxisTitle { options.append("values titled \(quoted(title))") }
        if chart.stacked { options.append("stacked") }
        if chart.widthScale != 1 || chart.heightScale != 1 {
            options.append("size ×\(PlainNumber.format(chart.widthScale))×\(PlainNumber.format(chart.heightScale))")
        }
        if let size = chart.categoryFontSize { options.append("category font \(PlainNumber.format(size))") }
        if let angle = chart.categoryLabelRotation { options.append("labels at \(angle)°") }
        if chart.topDown { options.append("top down") }
        if chart.markers { options.append("markers") }
        if chart.valueLabels { options.append("value labels") }
        if !chart.legend { options.append("no legend") }
        if let gap = chart.gapWidth { options.append("gap \(gap)") }
        if !options.isEmpty { text += " (" + options.joined(separator: ", ") + ")" }
        for series in chart.series {
            func range(_ cells: ColumnCells) -> String {
                SheetName.quoted(series.sheetName) + "!"
                    + SheetName.cellReference(row: cells.rows.lowerBound, column: cells.column) + ":"
                    + SheetName.cellReference(row: cells.rows.upperBound, column: cells.column)
            }
            text +=
                "\n    series \(quoted(series.name)): categories \(range(series.categories)), values "
                + range(series.values)
            if let color = series.color { text += ", colour \(hex(color))" }
            if !series.pointColors.isEmpty { text += ", slices " + series.pointColors.map(hex).joined(separator: " ") }
        }
        return text
    }

    /// A style's settings in a few words: `bold 14pt fill DDEBF7 centre wrap border text-format unlocked`.
    static func describe(_ style: CellStyle) -> String {
        var parts: [String] = []
        if style.bold { parts.append("bold") }
        if style.italic { parts.append("italic") }
        if let size = style.fontSize { parts.append("\(PlainNumber.format(size))pt") }
        if let color = style.fontColor { parts.append("font \(hex(color))") }
        if let color = style.fillColor { parts.append("fill \(hex(color))") }
        if style.horizontalAlignment != .general { parts.append("\(style.horizontalAlignment)") }
        if style.verticallyCentered { parts.append("middle") }
        if style.wrapsText { parts.append("wrap") }
        if style.border != .none { parts.append("border \(style.border)") }
        if style.numberFormat != .general { parts.append("format \(style.numberFormat.code ?? "@")") }
        if !style.locked { parts.append("unlocked") }
        return parts.isEmpty ? "default" : parts.joined(separator: " ")
    }

    private static func hex(_ color: UInt32) -> String {
        let digits = String(color, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Text in double quotes with `"`, `\` and control characters escaped, so each cell stays on one line.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension SheetOperation {
    /// The row of a cell or title, for cutting a dump short.
    var row: Int? {
        switch self {
        case .text(let row, _, _, _), .stampText(let row, _, _, _), .number(let row, _, _, _), .date(let row, _, _, _),
            .blank(let row, _, _):
            Int(row)
        case .title(let title): title.row
        case .rowHeight(let row, _): row
        default: nil
        }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
