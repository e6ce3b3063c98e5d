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

    /// A cell's text for a profile field: trimmed, with full-width ASCII folded.
    static func text(_ cell: Cell) -> String {
        switch cell {
        case .text(let value): trimmed(value)
        default: trimmed(cell.text)
        }
    }

    /// Why a cell cannot be an ID.
    enum IDProblem: Error, Equatable {
        case empty
        case notWhole(String)
        case tooManyDigits(String)
        case badCharacters(String)
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
            guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return .failure(.badCharacters(text))
            }
            return .success(text)
        }
    }
}
