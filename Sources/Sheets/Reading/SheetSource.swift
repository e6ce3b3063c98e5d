/// What every format reader provides: its sheets, and their rows streamed one at a time.
protocol SheetSource: AnyObject {
    var sheets: [SheetInfo] { get }
    var encoding: String { get }
    /// Streams the non-empty rows of sheet `index` to `body`, in file order.
    ///
    /// Throws `SheetError` for a problem in the file, or whatever `body` throws.
    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws
}

/// A sheet's name and visibility.
public struct SheetInfo: Hashable, Sendable {
    public var name: String
    public var isHidden: Bool

    public init(name: String, isHidden: Bool = false) {
        self.name = name
        self.isHidden = isHidden
    }
}
