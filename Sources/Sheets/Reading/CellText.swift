/// How a cell reads as text: the way staff see it, and the way `inspect --json` prints it.
extension Cell {
    /// The cell as plain text: numbers without a trailing `.0` or exponent, dates as `YYYY-MM-DD`, booleans as
    /// `TRUE`/`FALSE`, errors as their Excel text, empty as `""`.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let value): value
        case .number(let value): PlainNumber.format(value)
        case .bool(let value): value ? "TRUE" : "FALSE"
        case .date(let value): value.description
        case .error(.stored(let code)): code
        case .error(.formulaWithoutCachedValue(let formula)): "=" + formula
        }
    }
}

extension CalendarDate: CustomStringConvertible {
    /// `YYYY-MM-DD`, then ` HH:MM:SS` when there is a time of day.
    public var description: String {
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if let seconds = secondsIntoDay {
            text += " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        }
        return text
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Formats doubles the way a person writes them: `11120205`, `152.5`, `0.000001`, never `1.1120205E7`.
public enum PlainNumber {
    /// The shortest decimal text that reads back as the same double, written without an exponent.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let shortest = "\(value)"  // Swift prints the shortest round-tripping digits
        guard let exponentIndex = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
        }
        return expand(
            mantissa: String(shortest[..<exponentIndex]),
            exponent: Int(shortest[shortest.index(after: exponentIndex)...]) ?? 0)
    }

    /// Moves the decimal point of `mantissa` (such as `-1.25`) by `exponent` places, padding with zeros.
    private static func expand(mantissa: String, exponent: Int) -> String {
        var digits = mantissa
        let negative = digits.hasPrefix("-")
        if negative { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        let allDigits = integerPart + fractionPart
        let pointPosition = integerPart.count + exponent
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + allDigits
        } else if pointPosition >= allDigits.count {
            result = allDigits + String(repeating: "0", count: pointPosition - allDigits.count)
        } else {
            let index = allDigits.index(allDigits.startIndex, offsetBy: pointPosition)
            result = allDigits[..<index] + "." + allDigits[index...]
        }
        while result.hasPrefix("0"), result.count > 1, !result.hasPrefix("0.") { result.removeFirst() }
        if result.contains(".") {
            while result.hasSuffix("0") { result.removeLast() }
            if result.hasSuffix(".") { result.removeLast() }
        }
        return negative ? "-" + result : result
    }
}
