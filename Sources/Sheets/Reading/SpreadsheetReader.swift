/// The one way into a spreadsheet file: xlsx, legacy xls or CSV, decided by content, streamed row by row.
///
/// ```swift
/// let reader = try SpreadsheetReader(path: "inbox/registry/学籍库.xlsx")
/// try reader.forEachRow(inSheet: 0) { row in print(row.number, row.cells) }
/// ```
/// Opening reads the file once into memory (under `ReadLimits.maxFileBytes`), identifies it, and refuses
/// anything hostile or foreign with a `SheetError` naming the file. Rows then stream out of the chosen sheet.
public final class SpreadsheetReader {
    /// The file formats lixiao reads.
    public enum Format: String, Sendable, CaseIterable {
        case xlsx, xls, csv
    }

    /// The file's name, used in every message.
    public let fileName: String
    public let format: Format
    /// The text encoding: `UTF-8` for xlsx, the BIFF codepage for xls, what was detected for CSV.
    public var encoding: String { source.encoding }
    public var sheets: [SheetInfo] { source.sheets }

    private let source: any SheetSource

    /// Opens and identifies the file at `path`; `displayName` (default: the path's last component) names it in
    /// messages.
    public init(path: String, displayName: String? = nil, limits: ReadLimits = .standard) throws(SheetError) {
        let name = displayName ?? String(path.split(separator: "/").last ?? Substring(path))
        fileName = name
        let bytes = try FileBytes(path: path, limit: limits.maxFileBytes, name: name)
        func fail(_ problem: SheetError.Problem) -> SheetError { SheetError(file: name, problem: problem) }

        switch FormatSniffer.sniff(bytes.prefix(4096), fileName: name) {
        case .foreign(let foreign):
            throw fail(.foreignFormat(foreign))
        case .text:
            format = .csv
            source = try CSVSource(bytes: UnsafeRawBufferPointer(bytes.buffer), fileName: name)
        case .compoundFile:
            switch FormatSniffer.classifyCompound(UnsafeRawBufferPointer(bytes.buffer)) {
            case .encryptedPackage: throw fail(.encrypted)
            case .foreign(let foreign): throw fail(.foreignFormat(foreign))
            case .workbook:
                format = .xls
                source = try XlsSource(bytes: UnsafeRawBufferPointer(bytes.buffer), fileName: name, limits: limits)
            }
        case .zipContainer:
            let directory: ZipDirectory
            do throws(SheetError.Problem) {
                directory = try ZipDirectory(UnsafeRawBufferPointer(bytes.buffer), limits: limits)
            } catch {
                throw fail(error)
            }
            if let foreign = FormatSniffer.classifyZip(
                entryNames: directory.entries.map { ZipDirectory.normalizedName($0.name) })
            {
                throw fail(.foreignFormat(foreign))
            }
            let zip: ZipArchive
            do throws(SheetError.Problem) {
                zip = try ZipArchive(bytes: bytes, directory: directory, limits: limits)
            } catch {
                throw fail(error)
            }
            format = .xlsx
            source = try XlsxSource(zip: zip, fileName: name, limits: limits)
        }
    }

    /// Streams the non-empty rows of the sheet at `index` (0-based) to `body`, in file order.
    ///
    /// Throws `SheetError` when the sheet holds a refused cell (naming it), or whatever `body` throws.
    public func forEachRow(inSheet index: Int = 0, _ body: (Row) throws -> Void) throws {
        precondition(sheets.indices.contains(index), "sheet index \(index) out of range")
        try source.forEachRow(inSheet: index, body)
    }

    /// All non-empty rows of the sheet at `index`, for small files and tests.
    public func rows(inSheet index: Int = 0) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(inSheet: index) { rows.append($0) }
        return rows
    }
}
