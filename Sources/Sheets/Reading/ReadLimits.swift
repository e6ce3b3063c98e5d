/// The bounds that keep a hostile file harmless: every one is checked before or while reading, never after.
public struct ReadLimits: Hashable, Sendable {
    /// Largest file accepted at all.
    public var maxFileBytes: Int
    /// Most entries a zip container may list.
    public var maxZipEntries: Int
    /// Most bytes one zip entry may inflate to, counted while inflating.
    public var maxEntryBytes: Int
    /// Highest inflated-to-compressed ratio an entry may declare.
    public var maxCompressionRatio: Int
    /// Longest cell text, in UTF-16 code units (Excel's own limit).
    public var maxCellCharacters: Int

    public init(
        maxFileBytes: Int = 256 << 20,
        maxZipEntries: Int = 10_000,
        maxEntryBytes: Int = 1 << 30,
        maxCompressionRatio: Int = 250,
        maxCellCharacters: Int = 32_767
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxZipEntries = maxZipEntries
        self.maxEntryBytes = maxEntryBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.maxCellCharacters = maxCellCharacters
    }

    /// The limits lixiao applies to every dropped file.
    public static let standard = ReadLimits()

    /// Excel's grid: 16,384 columns (A…XFD) by 1,048,576 rows.
    public static let maxColumns = 16_384
    public static let maxRows = 1_048_576
}
