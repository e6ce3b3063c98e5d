/// A1-style cell references, parsed from attribute bytes and written for messages.
enum CellReference {
    /// Parses `B7` into a 0-based column and a 1-based row; `nil` when malformed or beyond XFD1048576.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (column: Int, row: Int)? {
        var index = 0
        var column = 0
        while index < bytes.count, index < 4 {
            let byte = bytes[index] & 0xDF  // upper-case ASCII letters
            guard byte >= 0x41, byte <= 0x5A else { break }
            column = column * 26 + Int(byte - 0x40)
            index += 1
        }
        guard column > 0, column <= ReadLimits.maxColumns else { return nil }
        var row = 0
        let digitsStart = index
        while index < bytes.count, index - digitsStart < 8 {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            row = row * 10 + Int(byte - 0x30)
            index += 1
        }
        guard index == bytes.count, row >= 1, row <= ReadLimits.maxRows else { return nil }
        return (column - 1, row)
    }

    /// The column letters of a 0-based column: 0 → `A`, 26 → `AA`.
    static func columnName(_ column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `B7` for column 1, row 7.
    static func name(column: Int, row: Int) -> String {
        columnName(column) + String(row)
    }
}
