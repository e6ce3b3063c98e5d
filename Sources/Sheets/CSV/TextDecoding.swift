import Glibc

/// Decodes a text file the way Chinese offices produce them, never guessing silently.
///
/// Order: a UTF-8 byte-order mark; a UTF-16 mark (Excel's "Unicode text"); strict UTF-8; GB18030 (a superset
/// of GBK and GB2312, as Chinese Windows Excel saves CSV); CP936 (which also takes Windows' `0x80` for €).
/// A file none of them decodes is refused with the offset of the first bad byte, never patched with U+FFFD.
enum TextDecoding {
    struct Decoded {
        var text: [UInt8]  // UTF-8
        var encoding: String
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(SheetError.Problem) -> Decoded {
        let input = Array(bytes)
        if input.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(input.dropFirst(3))
            if let offset = firstInvalidUTF8(body) { throw .undecodableText(byteOffset: offset + 3) }
            return Decoded(text: body, encoding: "UTF-8 (BOM)")
        }
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            return try decodeUTF16(input)
        }
        guard let invalidUTF8 = firstInvalidUTF8(input) else { return Decoded(text: input, encoding: "UTF-8") }
        if let text = try? convert(input, from: "GB18030") { return Decoded(text: text, encoding: "GB18030") }
        do {
            return Decoded(text: try convert(input, from: "CP936"), encoding: "GBK (CP936)")
        } catch {
            throw .undecodableText(byteOffset: max(error.offset, invalidUTF8))
        }
    }

    /// The offset of the first byte that is not well-formed UTF-8, or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func decodeUTF16(_ input: [UInt8]) throws(SheetError.Problem) -> Decoded {
        let littleEndian = input[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(input.count / 2)
        var index = 2
        while index + 1 < input.count {
            let pair = (UInt16(input[index]), UInt16(input[index + 1]))
            units.append(littleEndian ? pair.0 | pair.1 << 8 : pair.0 << 8 | pair.1)
            index += 2
        }
        var text: [UInt8] = []
        var iterator = units.makeIterator()
        var decoder = UTF16()
        var position = 2
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.append(contentsOf: String(Character(scalar)).utf8)
                position += scalar.value > 0xFFFF ? 4 : 2
            case .emptyInput:
                return Decoded(text: text, encoding: littleEndian ? "UTF-16LE (BOM)" : "UTF-16BE (BOM)")
            case .error: throw .undecodableText(byteOffset: position)
            }
        }
    }

    struct ConversionFailure: Error { var offset: Int }

    /// Converts `input` to UTF-8 with glibc's iconv, failing at the first byte the encoding does not define.
    ///
    /// The corresponding C functions are `iconv_open`, `iconv` and `iconv_close`.
    static func convert(_ input: [UInt8], from encoding: String) throws(ConversionFailure) -> [UInt8] {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { throw ConversionFailure(offset: 0) }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var source = input
        let (consumed, produced, ok): (Int, Int, Bool) = source.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (inBuffer.count - inLeft, outBuffer.count - outLeft, result != -1 && inLeft == 0)
            }
        }
        guard ok else { throw ConversionFailure(offset: consumed) }
        output.removeSubrange(produced...)
        return output
    }
}

/// Text in the legacy Chinese encoding, for names written by old Windows clients.
public enum LegacyChineseText {
    /// `bytes` decoded as GB18030 (which covers GBK and CP936's common range), or `nil` when they are not.
    public static func decode(_ bytes: [UInt8]) -> String? {
        for encoding in ["GB18030", "CP936"] {
            if let converted = try? TextDecoding.convert(bytes, from: encoding) {
                return String(validating: converted, as: UTF8.self)
            }
        }
        return nil
    }
}
