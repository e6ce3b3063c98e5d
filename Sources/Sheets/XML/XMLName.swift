/// An element's local name as libxml2 reports it: borrowed, NUL-terminated UTF-8.
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    init(_ bytes: UnsafePointer<UInt8>) { self.bytes = bytes }

    /// Whether the name is exactly `literal`, compared byte by byte without building a String.
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for index in 0..<count where bytes[index] != expected[index] { return false }
        return bytes[count] == 0
    }

    var string: String { String(cString: bytes) }
}

/// The attributes of one start tag, in libxml2's SAX2 layout: five pointers per attribute (local name, prefix,
/// URI, value start, value end).
struct XMLAttributes {
    private let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    init(_ base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) {
        self.base = base
        self.count = base == nil ? 0 : count
    }

    /// The raw value bytes of the attribute whose local name is `name`, ignoring its namespace prefix.
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let slot = base + index * 5
            guard let local = slot[0], XMLName(local).is(name), let start = slot[3], let end = slot[4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value of attribute `name` as a String.
    func string(_ name: StaticString) -> String? {
        bytes(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of attribute `name` as a non-negative integer, or `nil` when absent or not digits.
    func integer(_ name: StaticString) -> Int? {
        guard let value = bytes(name), !value.isEmpty, value.count < 19 else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 48, byte <= 57 else { return nil }
            result = result * 10 + Int(byte - 48)
        }
        return result
    }
}
