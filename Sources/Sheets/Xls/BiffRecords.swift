/// The record stream of a BIFF8 workbook ([MS-XLS] 2.1.4): `id`, `length`, then `length` bytes, back to back.
///
/// Every read is bounds-checked against the stream; a record whose declared length runs past the end is cut
/// to what is there, and the walk ends there.
struct BiffStream {
    let bytes: [UInt8]

    struct Record {
        var id: Int
        /// Where the record's data starts and ends in the stream.
        var start: Int
        var end: Int
        var length: Int { end - start }
    }

    /// The record at `offset`, or `nil` past the end.
    func record(at offset: Int) -> Record? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        let id = u16(offset)
        let length = u16(offset + 2)
        return Record(id: id, start: offset + 4, end: min(offset + 4 + length, bytes.count))
    }

    func u8(_ offset: Int) -> Int {
        offset >= 0 && offset < bytes.count ? Int(bytes[offset]) : 0
    }

    func u16(_ offset: Int) -> Int {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> Int {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return u16(offset) | u16(offset + 2) << 16
    }

    func f64(_ offset: Int) -> Double {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * index) }
        return Double(bitPattern: bits)
    }

    /// An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high 30 bits of a double, maybe divided by 100.
    static func rk(_ value: Int) -> Double {
        let divided = value & 1 != 0
        var number: Double
        if value & 2 != 0 {
            number = Double(Int32(bitPattern: UInt32(truncatingIfNeeded: value)) >> 2)
        } else {
            number = Double(bitPattern: UInt64(UInt32(truncatingIfNeeded: value) & 0xFFFF_FFFC) << 32)
        }
        if divided { number /= 100 }
        return number
    }
}

/// Reads BIFF8 strings that may run on from one record into the `CONTINUE` records after it.
///
/// A string's characters may break at a record boundary; the next record then starts with a fresh flags byte
/// saying whether the rest is compressed (one byte a character) or UTF-16. Rich-text runs and phonetic data
/// that follow the characters are skipped across boundaries the same way, without a flags byte.
struct ContinuedReader {
    private let stream: BiffStream
    /// The data spans of the record and its continuations.
    private let spans: [(start: Int, end: Int)]
    private var span = 0
    private(set) var position: Int

    init(stream: BiffStream, spans: [(start: Int, end: Int)], skipping: Int = 0) {
        self.stream = stream
        self.spans = spans
        position = (spans.first?.start ?? 0) + skipping
    }

    /// Whether no byte is left in any span.
    var isAtEnd: Bool {
        var index = span
        var at = position
        while index < spans.count {
            if at < spans[index].end { return false }
            index += 1
            if index < spans.count { at = spans[index].start }
        }
        return true
    }

    /// Moves into the next span when the current one is used up; `false` when none is left.
    private mutating func settle() -> Bool {
        while span < spans.count, position >= spans[span].end {
            span += 1
            guard span < spans.count else { return false }
            position = spans[span].start
        }
        return span < spans.count
    }

    mutating func u8() -> Int? {
        guard settle() else { return nil }
        defer { position += 1 }
        return stream.u8(position)
    }

    mutating func u16() -> Int? {
        guard let low = u8(), let high = u8() else { return nil }
        return low | high << 8
    }

    mutating func u32() -> Int? {
        guard let low = u16(), let high = u16() else { return nil }
        return low | high << 16
    }

    /// Skips `count` bytes across spans; `false` when the data ends first.
    mutating func skip(_ count: Int) -> Bool {
        var left = count
        while left > 0 {
            guard settle() else { return false }
            let step = min(left, spans[span].end - position)
            position += step
            left -= step
        }
        return true
    }

    /// `count` bytes of BIFF5 text in the workbook's codepage; `nil` when the data ends first.
    mutating func bytes(_ count: Int) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            guard settle() else { return nil }
            let take = min(count - result.count, spans[span].end - position)
            result.append(contentsOf: stream.bytes[position..<(position + take)])
            position += take
        }
        return result
    }

    /// An `XLUnicodeRichExtendedString` (SST) or `XLUnicodeString` (`wide` length prefix) of at most `limit`
    /// characters; `nil` when the data ends first, `.tooLong` over the limit.
    enum StringResult { case text([UInt16]), tooLong(Int), truncated }

    mutating func unicodeString(rich: Bool, limit: Int) -> StringResult {
        guard let count = u16(), let flags = u8() else { return .truncated }
        var runs = 0
        var extended = 0
        if rich {
            if flags & 0x08 != 0 { guard let value = u16() else { return .truncated }; runs = value }
            if flags & 0x04 != 0 { guard let value = u32() else { return .truncated }; extended = value }
        }
        guard count <= limit else { return .tooLong(count) }
        var units: [UInt16] = []
        units.reserveCapacity(count)
        var wide = flags & 0x01 != 0
        while units.count < count {
            if span < spans.count, position >= spans[span].end {
                // A break inside the characters: the next record re-states the width.
                guard settle(), let flags = u8() else { return .truncated }
                wide = flags & 0x01 != 0
            }
            guard settle() else { return .truncated }
            let available = spans[span].end - position
            let width = wide ? 2 : 1
            let take = min(count - units.count, available / width)
            if take == 0 {
                // Half a UTF-16 unit at a boundary: malformed; stop rather than guess.
                return .truncated
            }
            if wide {
                for index in 0..<take {
                    units.append(UInt16(stream.u16(position + index * 2)))
                }
            } else {
                for index in 0..<take { units.append(UInt16(stream.u8(position + index))) }
            }
            position += take * width
        }
        if runs > 0 || extended > 0 {
            guard skip(runs * 4 + extended) else { return .text(units) }
        }
        return .text(units)
    }
}
