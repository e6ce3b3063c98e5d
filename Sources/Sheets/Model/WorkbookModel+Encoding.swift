extension WorkbookModel {
    /// Feeds `consume` the model as canonical bytes, in blocks of about 64 KiB: equal models give equal bytes,
    /// and any difference in what the file would hold gives different bytes.
    ///
    /// Cells are encoded field by field; the rarer parts (styles, titles, charts, print setups, validations,
    /// properties) by their full reflected description, which names every stored property, so a property added
    /// to one of those types is covered without a list to keep. For digests that decide whether a file must be
    /// rewritten.
    public func canonicalBytes(_ consume: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(consume) { encode(into: CanonicalEncoder(consume: $0)) }
    }

    private func encode(into encoder: consuming CanonicalEncoder) {
        var encoder = encoder
        encoder.text("workbook-model-1")
        encoder.integer(constantMemory ? 1 : 0)
        encoder.text(properties.map { String(reflecting: $0) } ?? "-")
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
        text.withUTF8 { bytes in
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: bytes)
        }
        flushIfFull()
    }

    mutating func flushIfFull() {
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { consume($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
