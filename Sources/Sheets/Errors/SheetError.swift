/// Why a file could not be read, or why one of its cells was refused.
///
/// Every limit that keeps a hostile file harmless ends in one of these problems, so a receipt can say in plain
/// words what was wrong and where. `description` is English for logs and the command line; `staffMessage` is
/// the Chinese text for receipts.
public struct SheetError: Error, Hashable, Sendable {
    /// The file's name as it was dropped (no folder).
    public var file: String
    public var problem: Problem
    /// The sheet, when the problem lies in one.
    public var sheet: String?
    /// The cell reference such as `B7`, when the problem lies in one cell.
    public var cell: String?

    public init(file: String, problem: Problem, sheet: String? = nil, cell: String? = nil) {
        self.file = file
        self.problem = problem
        self.sheet = sheet
        self.cell = cell
    }

    /// What was wrong.
    public enum Problem: Error, Hashable, Sendable {
        // The file as a whole.
        case unreadable(reason: String)
        case notRegularFile
        case emptyFile
        case fileTooLarge(bytes: Int, limit: Int)
        case foreignFormat(ForeignFormat)
        case encrypted
        case damaged(detail: String)
        case missingPart(String)
        case noWorksheet

        // Zip container limits.
        case zip(ZipError)
        case tooManyEntries(count: Int, limit: Int)
        case unsafeEntryName(String)
        case duplicateEntry(String)
        case overlappingEntries(String, String)
        case entryTooLarge(entry: String, limit: Int)
        case compressionRatio(entry: String, ratio: Int, limit: Int)
        case entryLargerThanDeclared(entry: String, declared: Int)

        // XML parts.
        case xml(part: String, XMLError)
        case documentTypeDeclaration(part: String)

        // Cells.
        case sharedStringOutOfRange(index: Int, count: Int)
        case cellReferenceOutOfRange(String)
        case cellTooLong(characters: Int, limit: Int)

        // Legacy .xls and CSV.
        /// A workbook in a format older than Excel 5.0/95 (BIFF2–BIFF4), which lixiao does not read.
        case excel95Format
        case csv(CSVError)
        case undecodableText(byteOffset: Int)

        // The isolated reader process.
        /// A problem the isolated reader process found, with its messages as it wrote them.
        case relayed(english: String, chinese: String)
        /// The isolated reader process crashed, was killed at a limit, or answered nothing usable.
        case readerFailed(reason: ReaderFailure)
    }
}

/// How the isolated reader process failed to answer.
public enum ReaderFailure: Hashable, Sendable {
    /// Ended by a signal (a crash such as SIGSEGV or SIGABRT, or SIGXCPU at its CPU limit).
    case signalled(Int32)
    /// Exited with a status other than success.
    case exited(Int32)
    /// Still running at the wall-clock limit, so it was killed.
    case timedOut(seconds: Double)
    /// Its answer was cut short or malformed.
    case incompleteAnswer
    /// It could not be started at all.
    case notStarted(reason: String)
}

/// A kind of file that is not a spreadsheet lixiao reads, named so staff know what they dropped.
public enum ForeignFormat: String, Hashable, Sendable, CaseIterable {
    case wpsSpreadsheet
    case appleNumbers
    case openDocument
    case wordDocument
    case presentation
    case pdf
    case htmlPage
    case excel2003XML
    case image
    case zipArchive
    case unknownBinary
    case plainTextWithSpreadsheetName
}
