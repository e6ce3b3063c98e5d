/// Collects `sharedStrings.xml`: plain `<si><t>`, rich-text runs `<si><r><t>`, and never the phonetic `<rPh>`
/// runs that Japanese and some Chinese editions add.
final class SharedStringsHandler: XMLEventHandler {
    private(set) var strings: [String] = []
    private var text: [UInt8] = []
    private var inText = false
    private var inPhonetic = false
    private let maxBytes: Int
    let shouldStop = false

    /// `maxCharacters` bounds each string's UTF-16 length; beyond three bytes per unit it cannot fit.
    init(maxCharacters: Int) {
        maxBytes = maxCharacters * 3 + 3
        text.reserveCapacity(256)
    }

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("t") {
            inText = !inPhonetic
        } else if name.is("rPh") {
            inPhonetic = true
        } else if name.is("si") {
            text.removeAll(keepingCapacity: true)
        } else if name.is("sst"), let count = attributes.integer("uniqueCount") ?? attributes.integer("count") {
            strings.reserveCapacity(min(count, 1 << 20))
        }
    }

    func endElement(_ name: XMLName) {
        if name.is("t") {
            inText = false
        } else if name.is("rPh") {
            inPhonetic = false
        } else if name.is("si") {
            strings.append(OOXMLText.decode(text))
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard inText else { return }
        text.append(contentsOf: bytes)
        // A string this long can never be a legal cell: keep only enough of it for the cell check to refuse it.
        if text.count > maxBytes {
            text.removeLast(text.count - maxBytes)
        }
    }
}

/// Text as OOXML stores it: UTF-8 with `_xHHHH_` escapes for characters XML cannot carry (such as `_x000D_`).
enum OOXMLText {
    static func decode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= 7, bytes.contains(0x5F) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5F, index + 6 < bytes.count, bytes[index + 1] == 0x78, bytes[index + 6] == 0x5F,
                let scalar = hexScalar(bytes, from: index + 2)
            {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index += 7
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexScalar(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Unicode.Scalar? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return Unicode.Scalar(value)
    }
}
