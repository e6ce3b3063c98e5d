import Clearance
import Sheets

/// Normalises what staff type into cells: IDs, statuses and plain text.
enum TextNormaliser {
    /// Folds full-width ASCII (`０１２`, `ＡＢ`) and the ideographic space to their half-width forms.
    static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Trims spaces (also full-width ones) from both ends.
    static func trimmed(_ text: String) -> String {
        let folded = halfWidth(text)
        var slice = Substring(folded)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// A cell's text for a profile field or a remark: trimmed of spaces (also the ideographic space) and
    /// nothing else, so 会计学（ACCA） and 无欠费，无需办理 keep their full-width punctuation.
    static func text(_ cell: Cell) -> String {
        var slice = Substring(cell.text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// Whether `text` is a number as Excel displays it in scientific form: `1.1120205E+07` (a digit, a point,
    /// digits, E, an optional sign, digits). IDs with letters, such as `2023E001`, never match.
    static func isExcelScientific(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: "E", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        var exponent = parts[1]
        if exponent.first == "+" || exponent.first == "-" { exponent.removeFirst() }
        return mantissa.count == 2 && mantissa[0].count == 1
            && mantissa.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
            && !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigitCharacter)
    }

    /// Why a cell cannot be an ID.
    enum IDProblem: Error, Equatable {
        case empty
        case notWhole(String)
        case tooManyDigits(String)
        case badCharacters(String)
        case tooLong(String)
    }

    /// The 学工号 in a cell: a number 11120205 or 1.1120205E7 becomes `11120205`; text is trimmed and full-width
    /// digits folded. A number Excel cannot hold exactly (over 15 digits) must be typed as text.
    static func id(_ cell: Cell) -> Result<String, IDProblem> {
        switch cell {
        case .empty: return .failure(.empty)
        case .number(let value):
            guard value == value.rounded(), value >= 0 else { return .failure(.notWhole(cell.text)) }
            guard value < 1e15 else { return .failure(.tooManyDigits(cell.text)) }
            return .success(String(Int64(value)))
        default:
            let text = trimmed(cell.text)
            guard !text.isEmpty else { return .failure(.empty) }
            guard text.count <= FieldLimits.id else { return .failure(.tooLong(text)) }
            // A CSV saved by Excel keeps a number as it displayed it: 1.1120205E7 is the ID 11120205.
            if isExcelScientific(text), let value = Double(text) { return id(.number(value)) }
            guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return .failure(.badCharacters(text))
            }
            return .success(text)
        }
    }
}

extension TextNormaliser {
    /// A status as staff type it: `1` `2` `3` (also `1.0`, full-width `３`), the labels 未办理 / 无需办理 /
    /// 无须办理 / 已办理, or the drop-down text `3 已办理`. `nil` for an empty cell; throws for anything else.
    static func status(_ cell: Cell) -> Result<Status?, StatusProblem> {
        let text = trimmed(cell.text)
        guard !text.isEmpty else { return .success(nil) }
        if case .number(let value) = cell, let code = Int(exactly: value), let status = Status(rawValue: code) {
            return .success(status)
        }
        let labels: [String: Status] = ["未办理": .pending, "无需办理": .notRequired, "无须办理": .notRequired, "已办理": .done]
        if let status = labels[text] { return .success(status) }
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        var number = parts[0]
        if number.hasSuffix(".0") { number.removeLast(2) }
        if let code = Int(number), let status = Status(rawValue: code) {
            if parts.count == 1 || labels[parts[1].trimmingCharacters()] == status { return .success(status) }
        }
        return .failure(StatusProblem(text: text))
    }

    struct StatusProblem: Error, Equatable {
        var text: String
    }

    /// A yes/no cell (签字, 确认发证): 是 / 1 / √ / ✓ / Y / yes / 已签 mean yes; 否 / 0 / × / N / no mean no;
    /// empty means not answered. Anything else is `nil` with `isValid` false.
    static func yesNo(_ cell: Cell) -> (answer: Bool?, isValid: Bool) {
        let text = trimmed(cell.text).lowercased()
        if text.isEmpty { return (nil, true) }
        if ["是", "1", "√", "✓", "✔", "y", "yes", "true", "已签", "已签字", "确认", "发证", "已发"].contains(text) {
            return (true, true)
        }
        if ["否", "0", "×", "✗", "n", "no", "false", "未签"].contains(text) { return (false, true) }
        return (nil, false)
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
