import Glibc

extension WorkbookModel {
    /// Feeds `consume` the model as canonical bytes, in blocks of about 64 KiB: equal models give equal bytes,
    /// and any difference in what the file would hold, but its stamp, gives different bytes.
    ///
    /// The stamp is left out: every occurrence of a declared stamp text (`stampTexts`) becomes one placeholder
    /// character, stamp cells (`stampText`) are encoded without their text, and the properties' creation time (the
    /// generation time again) is not encoded. So a model built at another ledger position and time with the same
    /// content gives the same bytes. Cells are encoded field by field; the rarer parts (styles, titles, charts,
    /// print setups, validations, properties) by their full reflected description, which names every stored
    /// property, so a property added to one of those types is covered without a list to keep. For digests that
    /// decide whether a file must be rewritten.
    public func canonicalBytes(_ consume: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(consume) { encode(into: CanonicalEncoder(consume: $0)) }
    }

    private func encode(into encoder: consuming CanonicalEncoder) {
        var encoder = encoder
        // Longest first, so a stamp text inside another (the time inside a note holding a code) goes as a whole.
        encoder.stamps = stampTexts.sorted { $0.utf8.count > $1.utf8.count }
        encoder.text("workbook-model-2")
        encoder.integer(constantMemory ? 1 : 0)
        var unstamped = properties
        unstamped?.createdUnixTime = nil
        encoder.text(unstamped.map { String(reflecting: $0) } ?? "-")
        encoder.integer(dependencies.count)
        for dependency in dependencies { encoder.text(dependency) }
        encoder.integer(styles.count)
        for style in styles { encoder.text(String(reflecting: style)) }
        encoder.integer(sheets.count)
        for sheet in sheets {
            encoder.text(sheet.name)
            encoder.integer(sheet.operations.count)
            for operation in sheet.operations {
                switch operation {
                case .text(let row, let column, let style, let text):
                    encoder.cell(1, row, column, style)
                    encoder.text(text)
                case .number(let row, let column, let style, let number):
                    encoder.cell(2, row, column, style)
                    encoder.integer(Int(bitPattern: UInt(number.bitPattern)))
                case .blank(let row, let column, let style):
                    encoder.cell(3, row, column, style)
                case .stampText(let row, let column, let style, _):
                    encoder.cell(5, row, column, style)
                default:
                    encoder.byte(4)
                    encoder.text(String(reflecting: operation))
                }
            }
        }
        encoder.flush()
    }
}

/// Length-prefixed fields gathered into blocks.
private struct CanonicalEncoder {
    let consume: (UnsafeRawBufferPointer) -> Void
    var buffer: [UInt8] = []
    /// Texts replaced by a placeholder wherever they occur.
    var stamps: [String] = []

    init(consume: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.consume = consume
        buffer.reserveCapacity(1 << 16 + 64)
    }

    mutating func byte(_ value: UInt8) {
        buffer.append(value)
    }

    mutating func integer(_ value: Int) {
        withUnsafeBytes(of: UInt64(bitPattern: Int64(value)).littleEndian) { buffer.append(contentsOf: $0) }
        flushIfFull()
    }

    mutating func cell(_ tag: UInt8, _ row: Int32, _ column: Int32, _ style: Int32) {
        buffer.append(tag)
        for value in [row, column, style] {
            withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
        }
    }

    mutating func text(_ text: String) {
        var text = text
        for stamp in stamps where Self.occurs(stamp, in: text) {
            text = text.replacing(stamp, with: "\u{FFFC}")
        }
        text.withUTF8 { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: bytes)
        }
        flushIfFull()
    }

    /// Whether `stamp` occurs in `text`, by bytes (`memchr`, `memcmp`): most cells are short and hold no stamp.
    static func occurs(_ stamp: String, in text: String) -> Bool {
        var text = text
        var stamp = stamp
        guard text.utf8.count >= stamp.utf8.count else { return false }
        return text.withUTF8 { haystack in
            stamp.withUTF8 { needle in
                guard let first = needle.first, let base = haystack.baseAddress, let pattern = needle.baseAddress
                else { return needle.isEmpty }
                var offset = 0
                let last = haystack.count - needle.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + position, pattern, needle.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    mutating func flushIfFull() {
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { consume($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
