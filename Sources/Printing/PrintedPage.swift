/// One printed A4 page as a value: what it says, in order, and the QR code in its bottom corner.
///
/// Builders (Reports) make pages from the ledger's state without touching a file; ``write(to:)`` lays the blocks
/// out top to bottom and renders them as a PDF with embedded, subset fonts. A page whose blocks would run past
/// the code is shrunk as a whole until it fits, so a page is always one page.
///
/// Like a workbook model, a page separates what it shows from its stamp (the generation time and the signed
/// statement in the code, which name the ledger position it was built at): ``canonicalBytes`` leaves the stamp
/// out, so a page is printed again exactly when what a reader would see changes.
public struct PrintedPage: Sendable, Hashable {
    /// The document's title, author and subject (its properties, shown by PDF readers).
    public var title: String
    public var author: String
    public var subject: String
    /// The document's keywords property: a stamp (notices keep their signed statement here, so a checker can
    /// read it from the file without decoding the picture).
    public var keywords = ""
    /// When the page was generated, `2027-06-01 09:30:12` in local time: a stamp, also the file's creation date.
    public var created = ""
    public var blocks: [PageBlock] = []
    /// The QR code at the bottom of the page, with its caption to the left.
    public var code: PageCode?
    /// What the stamp is computed with but the page does not show (the identity of the signing key): part of
    /// the canonical bytes, so a new key prints the page again.
    public var dependencies: [String] = []

    public init(title: String, author: String, subject: String) {
        self.title = title
        self.author = author
        self.subject = subject
    }

    /// The page without its stamp, as bytes: equal exactly when two pages show the same thing.
    public func canonicalBytes() -> [UInt8] {
        var writer = CanonicalWriter()
        writer.add(["page", title, author, subject])
        writer.add(dependencies)
        for block in blocks { block.encode(into: &writer) }
        if let code { writer.add(["code"] + code.caption) }
        return writer.bytes
    }
}

/// One block of a page, laid out below the previous one across the page's width.
public enum PageBlock: Sendable, Hashable {
    /// A line of text (wrapped when long).
    case text(PageText)
    /// A table with a shaded header row (when it has one), thin borders, and columns sized by the given weights.
    case table(PageTable)
    /// Empty space, in points.
    case gap(Double)

    fileprivate func encode(into writer: inout CanonicalWriter) {
        switch self {
        case .text(let text):
            writer.add(["text", text.isStamp ? "" : text.text] + text.style.fields)
        case .table(let table):
            writer.add(["table", table.header.joined(separator: "\u{1}")] + table.weights.map { "\($0)" })
            for row in table.rows {
                writer.add(["row"] + row.flatMap { [$0.text, String($0.color), $0.shaded ? "1" : "0"] })
            }
        case .gap(let points):
            writer.add(["gap", "\(points)"])
        }
    }
}

/// A paragraph and how it looks.
public struct PageText: Sendable, Hashable {
    public var text: String
    public var style: TextStyle
    /// Whether the text is part of the stamp (the generation time): left out of ``PrintedPage/canonicalBytes()``.
    public var isStamp: Bool

    public init(_ text: String, style: TextStyle = TextStyle(), isStamp: Bool = false) {
        self.text = text
        self.style = style
        self.isStamp = isStamp
    }
}

/// Size (points), colour (`0xRRGGBB`) and alignment of a text.
public struct TextStyle: Sendable, Hashable {
    public enum Alignment: String, Sendable, Hashable {
        case left, center
    }

    public var size: Double
    public var color: UInt32
    public var alignment: Alignment

    public init(size: Double = 10.5, color: UInt32 = 0x000000, alignment: Alignment = .left) {
        self.size = size
        self.color = color
        self.alignment = alignment
    }

    var fields: [String] { ["\(size)", String(color), alignment.rawValue] }
}

/// A table: an optional header row, then rows of cells; each row as tall as its tallest wrapped cell.
public struct PageTable: Sendable, Hashable {
    public var header: [String]
    /// The columns' relative widths.
    public var weights: [Double]
    public var rows: [[PageCell]]
    public var textSize: Double

    public init(header: [String] = [], weights: [Double], rows: [[PageCell]], textSize: Double = 10) {
        self.header = header
        self.weights = weights
        self.rows = rows
        self.textSize = textSize
    }
}

/// One cell of a table.
public struct PageCell: Sendable, Hashable {
    public var text: String
    /// The text colour, `0xRRGGBB`.
    public var color: UInt32
    /// Whether the cell is shaded (a label).
    public var shaded: Bool

    public init(_ text: String, color: UInt32 = 0x000000, shaded: Bool = false) {
        self.text = text
        self.color = color
        self.shaded = shaded
    }
}

/// The QR code printed at the bottom right of a page, and the caption printed to its left.
public struct PageCode: Sendable, Hashable {
    /// What the code holds (a stamp: left out of the canonical bytes); upper-case letters, digits and
    /// ` $%*+-./:` are packed most densely.
    public var payload: String
    public var caption: [String]

    public init(payload: String, caption: [String]) {
        self.payload = payload
        self.caption = caption
    }
}

/// Fields joined unambiguously: each field's byte count, a colon, the bytes; each group ends with a newline.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []

    mutating func add(_ fields: [String]) {
        for field in fields {
            let utf8 = Array(field.utf8)
            bytes += Array(String(utf8.count).utf8) + [UInt8(ascii: ":")] + utf8
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}

extension PrintedPage {
    /// The page as readable text, one line per paragraph or table row, stamps shown as such: for golden files
    /// under review.
    public func dump() -> String {
        var lines = ["page: \(title) / \(author) / \(subject)", "depends on: \(dependencies.joined(separator: ", "))"]
        for block in blocks {
            switch block {
            case .gap(let points): lines.append("gap \(points)")
            case .text(let text):
                let style = "\(text.style.size)pt #\(String(text.style.color, radix: 16)) \(text.style.alignment)"
                lines.append("text \(style)\(text.isStamp ? " stamp" : ""): \(text.text)")
            case .table(let table):
                lines.append(
                    "table \(table.weights) \(table.textSize)pt"
                        + (table.header.isEmpty ? "" : ": " + table.header.joined(separator: " | ")))
                for row in table.rows {
                    let cells = row.map { cell in
                        (cell.shaded ? "[" + cell.text + "]" : cell.text)
                            + (cell.color == 0 ? "" : " #" + String(cell.color, radix: 16))
                    }
                    lines.append("  " + cells.joined(separator: " | "))
                }
            }
        }
        if let code { lines += ["code (\(code.payload.count) characters)"] + code.caption.map { "  " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }
}
