import Glibc

/// The tab-separated text of the ledger's files: one record a line, `\` tab LF CR escaped as `\\` `\t` `\n` `\r`.
///
/// Escaping keeps every record on one line, so a text editor, `grep` or Excel shows one record a row, and a torn
/// write can only cut the last line.
enum TSV {
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let backslash = UInt8(ascii: "\\")
    /// The UTF-8 byte order mark, which makes Excel read the file as UTF-8 (and so show Chinese correctly).
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Appends `text`'s UTF-8 bytes to `buffer`, escaped.
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case backslash: buffer.append(backslash); buffer.append(backslash)
            case tab: buffer.append(backslash); buffer.append(UInt8(ascii: "t"))
            case newline: buffer.append(backslash); buffer.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): buffer.append(backslash); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    /// Appends one line: `fields` escaped, joined by tabs, ended by `\n`.
    static func appendLine(_ fields: [String], to buffer: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(tab) }
            appendEscaped(field, to: &buffer)
        }
        buffer.append(newline)
    }

    /// The text of escaped bytes; an unknown escape is kept as written, invalid UTF-8 becomes U+FFFD.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        guard firstIndex(of: backslash, in: bytes, from: bytes.startIndex) != nil else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var plain: [UInt8] = []
        plain.reserveCapacity(bytes.count)
        var escaping = false
        for byte in bytes {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): plain.append(tab)
                case UInt8(ascii: "n"): plain.append(newline)
                case UInt8(ascii: "r"): plain.append(UInt8(ascii: "\r"))
                case backslash: plain.append(backslash)
                default: plain.append(backslash); plain.append(byte)
                }
                escaping = false
            } else if byte == backslash {
                escaping = true
            } else {
                plain.append(byte)
            }
        }
        if escaping { plain.append(backslash) }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The ranges of a line's tab-separated fields, as indices into `line`.
    static func fieldRanges(_ line: ArraySlice<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = line.startIndex
        while let tab = firstIndex(of: tab, in: line, from: start) {
            ranges.append(start..<tab)
            start = tab + 1
        }
        ranges.append(start..<line.endIndex)
        return ranges
    }

    /// The index of the first `byte` in `bytes[from...]`, searched with `memchr` (fast even in a debug build).
    static func firstIndex(of byte: UInt8, in bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start < bytes.endIndex else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let offset = start - bytes.startIndex
            guard let found = memchr(base + offset, Int32(byte), buffer.count - offset) else { return nil }
            return bytes.startIndex + (UnsafeRawPointer(found) - UnsafeRawPointer(base))
        }
    }

    /// Whether two byte sequences are equal, compared with `memcmp` (fast even in a debug build).
    static func equal(_ first: ArraySlice<UInt8>, _ second: ArraySlice<UInt8>) -> Bool {
        guard first.count == second.count else { return false }
        return first.withUnsafeBytes { one in
            second.withUnsafeBytes { other in
                guard let a = one.baseAddress, let b = other.baseAddress else { return true }
                return memcmp(a, b, one.count) == 0
            }
        }
    }

    /// A line's fields, unescaped.
    static func fields(_ line: ArraySlice<UInt8>) -> [String] {
        fieldRanges(line).map { unescape(line[$0]) }
    }

    /// `line` without a leading byte order mark.
    static func droppingByteOrderMark(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.starts(with: byteOrderMark) ? line.dropFirst(byteOrderMark.count) : line
    }
}
