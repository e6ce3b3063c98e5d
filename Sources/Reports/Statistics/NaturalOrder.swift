/// Orders names the way people read them: runs of ASCII digits compare as numbers, so 2号楼 comes before
/// 10号楼 and room 101 before 1001; other text compares as text, after any number at the same place.
enum NaturalOrder {
    /// Whether `left` comes before `right`; equal keys fall back to plain text order, so the order is total.
    static func precedes(_ left: String, _ right: String) -> Bool {
        let leftKey = key(left)
        let rightKey = key(right)
        if leftKey != rightKey { return leftKey.lexicographicallyPrecedes(rightKey) }
        return left < right
    }

    private enum Part: Comparable {
        case number(Int)
        case text(String)
    }

    private static func key(_ text: String) -> [Part] {
        var parts: [Part] = []
        var digits = ""
        var letters = ""
        for character in text {
            if character.isASCII, character.isNumber {
                if !letters.isEmpty {
                    parts.append(.text(letters))
                    letters = ""
                }
                digits.append(character)
            } else {
                if !digits.isEmpty {
                    parts.append(.number(Int(digits.suffix(18)) ?? 0))
                    digits = ""
                }
                letters.append(character)
            }
        }
        if !digits.isEmpty { parts.append(.number(Int(digits.suffix(18)) ?? 0)) }
        if !letters.isEmpty { parts.append(.text(letters)) }
        return parts
    }
}
