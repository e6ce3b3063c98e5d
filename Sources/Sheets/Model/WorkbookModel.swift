/// A workbook as a value: its sheets, each a list of what is written into it in order, its styles and its
/// document properties — everything the file will hold, before any file exists.
///
/// Builders make a model with `WorkbookBuilder`; `write(to:)` renders it through libxlsxwriter
/// (`WorkbookWriter`), `canonicalBytes` feeds a digest that changes exactly when the file's content would, and
/// `dump` prints it as text for review. Two models are equal when they would write the same file.
public struct WorkbookModel: Sendable, Hashable {
    /// The sheets in tab order.
    public internal(set) var sheets: [SheetModel] = []
    /// Every distinct cell style, referred to by index from the cells (a 50,000-row sheet has a handful).
    public internal(set) var styles: [CellStyle] = []
    public internal(set) var properties: DocumentProperties?
    /// Whether the file is written keeping one row in memory (for large sheets); rows are then in order.
    public internal(set) var constantMemory: Bool
    /// Texts that derive from when and at which ledger position the workbook was generated (its stamp): the
    /// generation time, export codes, check codes. `canonicalBytes` leaves them out wherever they occur, so a
    /// model's digest says whether its content changed, whatever stamp it was built with.
    public internal(set) var stampTexts: [String] = []
    /// What the stamp texts are computed with that changes the file even when nothing else does (the key that
    /// signs its codes): not written, but part of the digest.
    public internal(set) var dependencies: [String] = []

    init(constantMemory: Bool) {
        self.constantMemory = constantMemory
    }

    /// Declares a text that derives from the workbook's stamp (see `stampTexts`); empty texts are ignored.
    public mutating func stamp(_ text: String) {
        if !text.isEmpty, !stampTexts.contains(text) { stampTexts.append(text) }
    }
}

/// One sheet of a `WorkbookModel`: its name and what is written into it, in the order it is written.
public struct SheetModel: Sendable, Hashable {
    public let name: String
    public internal(set) var operations: [SheetOperation] = []

    init(name: String) {
        self.name = name
    }
}

/// One thing written into a sheet. Cells name their style by its index in `WorkbookModel.styles`.
public enum SheetOperation: Sendable, Hashable {
    case text(row: Int32, column: Int32, style: Int32, String)
    /// A text that is the stamp itself (a ledger position), written as text and left out of digests.
    case stampText(row: Int32, column: Int32, style: Int32, String)
    case number(row: Int32, column: Int32, style: Int32, Double)
    indirect case date(row: Int32, column: Int32, style: Int32, CalendarDate)
    case blank(row: Int32, column: Int32, style: Int32)
    indirect case title(MergedTitle)
    indirect case protect(ProtectionSpec)
    case columnWidth(column: Int, width: Double)
    case autoFit(minimum: Double, maximum: Double)
    case freezeHeader(rows: Int)
    case autoFilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)
    case rowHeight(row: Int, height: Double)
    case printColumns(ClosedRange<Int>)
    indirect case listValidation(ListValidation)
    indirect case chart(ChartSpec, row: Int, column: Int)
    indirect case printSetup(PrintSetup)
    case landscape
    case hide
}

/// A title merged across columns of one row (`SheetWriter.mergeTitle`).
public struct MergedTitle: Sendable, Hashable {
    public var text: String
    public var row: Int
    public var firstColumn: Int
    public var lastColumn: Int
    public var style: CellStyle
}

/// A sheet's protection (`SheetWriter.protect`): the editable columns, from a row down.
public struct ProtectionSpec: Sendable, Hashable {
    public var password: String?
    /// Sorted, so equal protections compare and encode alike.
    public var unlockedColumns: [Int]
    public var firstRow: Int
}

/// A drop-down over rows of one column (`SheetWriter.addListValidation`).
public struct ListValidation: Sendable, Hashable {
    public var column: Int
    public var firstRow: Int
    public var lastRow: Int
    public var values: [String]
    public var promptTitle: String?
    public var promptMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?
}
