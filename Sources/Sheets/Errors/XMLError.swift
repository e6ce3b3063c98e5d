internal import CLibXML2

// No Foundation in this module: its ICU headers clash with libxml2's on a clean build.

/// An error reported by libxml2 while parsing one part of a workbook.
public struct XMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libxml2's `xmlParserErrors` code (0 for a refusal made by lixiao itself).
    public let code: Int32
    public let line: Int
    public let column: Int
    public let message: String

    init(code: Int32, line: Int, column: Int, message: String) {
        self.code = code
        self.line = line
        self.column = column
        self.message = message
    }

    /// Copies what lixiao needs out of libxml2's structured error.
    ///
    /// The corresponding C type is `xmlError`, delivered to the parser's structured error handler.
    init(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        self.init(
            code: error.pointee.code,
            line: Int(error.pointee.line),
            column: Int(error.pointee.int2),
            message: String(raw.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        )
    }

    /// Whether libxml2 stopped on an entity loop or entity amplification, the billion-laughs attack.
    public var isEntityAttack: Bool {
        code == Int32(XML_ERR_ENTITY_LOOP.rawValue) || code == Int32(XML_ERR_ENTITY_AMPLIFICATION_EXTRA)
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// libxml2 2.9.14 has no named code for amplification; 2.11 introduced `XML_ERR_ENTITY_AMPLIFICATION` (110).
private let XML_ERR_ENTITY_AMPLIFICATION_EXTRA: Int32 = 110
