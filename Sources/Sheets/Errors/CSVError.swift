internal import CCSV

/// An error reported by libcsv.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libcsv's `CSV_E*` code.
    public let code: Int32
    /// The line (1-based) on which parsing stopped.
    public let line: Int

    init(code: Int32, line: Int) {
        self.code = code
        self.line = line
    }

    public var description: String {
        switch code {
        case CSV_EPARSE: "malformed quoting near line \(line) (a stray or unterminated quote)"
        case CSV_ENOMEM: "out of memory while parsing CSV near line \(line)"
        case CSV_ETOOBIG: "a CSV field near line \(line) is too large"
        default: "libcsv error \(code) near line \(line)"
        }
    }
}
