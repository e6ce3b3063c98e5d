/// How a written cell looks: font, fill, alignment, border, number format and protection.
///
/// A plain value: pass styles freely, the workbook makes one libxlsxwriter format per distinct style. The
/// default style (`CellStyle()`) is Excel's default look, locked.
public struct CellStyle: Hashable, Sendable {
    public var bold: Bool
    public var italic: Bool
    /// The font size in points, or `nil` for the default (11).
    public var fontSize: Double?
    /// The font colour as `0xRRGGBB`, or `nil` for automatic.
    public var fontColor: UInt32?
    /// A solid fill colour as `0xRRGGBB`, or `nil` for none.
    public var fillColor: UInt32?
    public var horizontalAlignment: HorizontalAlignment
    public var verticallyCentered: Bool
    public var wrapsText: Bool
    public var border: Border
    public var numberFormat: NumberFormat
    /// Whether the cell is locked once its sheet is protected; it means nothing on an unprotected sheet.
    public var locked: Bool

    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        fillColor: UInt32? = nil, horizontalAlignment: HorizontalAlignment = .general,
        verticallyCentered: Bool = false, wrapsText: Bool = false, border: Border = .none,
        numberFormat: NumberFormat = .general, locked: Bool = true
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fillColor = fillColor
        self.horizontalAlignment = horizontalAlignment
        self.verticallyCentered = verticallyCentered
        self.wrapsText = wrapsText
        self.border = border
        self.numberFormat = numberFormat
        self.locked = locked
    }

    /// Horizontal placement; `general` lets Excel put text left and numbers right.
    public enum HorizontalAlignment: Hashable, Sendable {
        case general, left, center, right
    }

    /// The cell's border on all four sides.
    public enum Border: Hashable, Sendable {
        case none, thin
    }

    /// How Excel shows the cell's value.
    public enum NumberFormat: Hashable, Sendable {
        /// Excel's default.
        case general
        /// `@`: what is typed stays text, so IDs such as `0123456` keep their zeros.
        case text
        /// `0`.
        case integer
        /// `0.00` with the given number of places.
        case decimal(places: Int)
        /// `0.0%` with the given number of places.
        case percent(places: Int)
        /// `yyyy-mm-dd`.
        case date
        /// `yyyy-mm-dd hh:mm`.
        case dateTime
        /// Any Excel number format code, such as `#,##0`.
        case custom(String)

        /// The format code, or `nil` for the two built-in formats (`general` and `text`).
        var code: String? {
            switch self {
            case .general, .text: nil
            case .integer: "0"
            case .decimal(let places): places > 0 ? "0." + String(repeating: "0", count: places) : "0"
            case .percent(let places): (places > 0 ? "0." + String(repeating: "0", count: places) : "0") + "%"
            case .date: "yyyy-mm-dd"
            case .dateTime: "yyyy-mm-dd hh:mm"
            case .custom(let code): code
            }
        }
    }

    /// This style with `locked` set to `false`.
    public var unlocked: CellStyle {
        var copy = self
        copy.locked = false
        return copy
    }

    /// This style with the given number format.
    public func with(numberFormat: NumberFormat) -> CellStyle {
        var copy = self
        copy.numberFormat = numberFormat
        return copy
    }
}
