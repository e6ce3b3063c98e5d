internal import CXlsxWriter
import Glibc

/// An xlsx workbook being written with libxlsxwriter, closed once to produce the file.
///
/// ```swift
/// let workbook = try WorkbookWriter(path: "out/导出.xlsx")
/// let sheet = try workbook.addSheet("lixiao")
/// try sheet.writeID("0123456", row: 1, column: 0)
/// try workbook.close()
/// ```
/// The file is created (empty, mode 0600, never through a symbolic link) as soon as the writer is made, so a
/// missing folder or a refused path fails at once; `close` fills it and sets mode 0640, so the output never has
/// world access. Writing goes straight to `path`: callers that publish files write to a temporary name and
/// rename. A workbook never closed is closed, ignoring errors, once it and all its sheets are released. Not
/// thread-safe: use one workbook from one task at a time.
public final class WorkbookWriter {
    /// How the workbook is written.
    public struct Options: Hashable, Sendable {
        /// Keep only the current row of each sheet in memory, for sheets of many thousand rows.
        ///
        /// Rows must then be written in ascending order on each sheet: writing a row above the current one throws
        /// an `outOfRange` error. Within a row, columns may come in any order. Strings are stored inline rather
        /// than in a shared table.
        public var constantMemory: Bool
        /// Where libxlsxwriter puts its temporary files, or `nil` for the system's temporary folder.
        public var temporaryDirectory: String?

        public init(constantMemory: Bool = false, temporaryDirectory: String? = nil) {
            self.constantMemory = constantMemory
            self.temporaryDirectory = temporaryDirectory
        }
    }

    /// Where the file is written.
    public let path: String
    public let options: Options

    private(set) var handle: UnsafeMutablePointer<lxw_workbook>?
    private var temporaryDirectoryCopy: UnsafeMutablePointer<CChar>?
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    private var recentFormats: [(style: CellStyle, format: UnsafeMutablePointer<lxw_format>)] = []
    private var records: [SheetRecord] = []
    private var lists: ListSheet?

    /// Creates the output file and a libxlsxwriter workbook for it.
    ///
    /// Throws a `fileSystem` error naming the reason when the file cannot be created (a missing folder, no
    /// permission, a symbolic link in its place). The corresponding C functions are `open` and
    /// `workbook_new_opt`.
    public init(path: String, options: Options = .init()) throws(XlsxWriterError) {
        self.path = path
        self.options = options
        try WorkbookWriter.createPrivateFile(at: path)
        temporaryDirectoryCopy = options.temporaryDirectory.flatMap { strdup($0) }
        var libraryOptions = lxw_workbook_options(
            constant_memory: options.constantMemory ? 1 : 0, tmpdir: temporaryDirectoryCopy, use_zip64: 0)
        guard let workbook = workbook_new_opt(path, &libraryOptions) else {
            free(temporaryDirectoryCopy)
            unlink(path)
            throw XlsxWriterError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "creating workbook \(path)")
        }
        handle = workbook
    }

    deinit {
        try? close()
    }

    /// Whether `close` has run.
    public var isClosed: Bool { handle == nil }

    /// The names of the sheets added so far, in order (including the hidden drop-down list sheet, once made).
    public var sheetNames: [String] { records.map(\.name) }

    /// Adds a sheet after the existing ones.
    ///
    /// Throws an `invalidSheetName` error naming the rule when `name` is empty, longer than 31 characters,
    /// contains any of `[ ] : * ? / \`, begins or ends with an apostrophe, is `History`, or matches an existing
    /// sheet's name ignoring case. The corresponding C function is `workbook_add_worksheet`.
    public func addSheet(_ name: String) throws(XlsxWriterError) -> SheetWriter {
        SheetWriter(workbook: self, record: try addRecord(name))
    }

    /// Writes the file and releases libxlsxwriter's memory; later calls do nothing.
    ///
    /// Column widths and unlocked column formats are applied and drop-down lists written first. On failure the
    /// partial file is removed. Using a `SheetWriter` of a closed workbook is a programming error and traps.
    /// The corresponding C functions are `worksheet_set_column`, `workbook_close` and `chmod`.
    public func close() throws(XlsxWriterError) {
        guard let workbook = handle else { return }
        var failure: XlsxWriterError?
        do {
            try finishSheets()
        } catch {
            failure = error
        }
        let result = workbook_close(workbook)
        handle = nil
        formats.removeAll()
        recentFormats.removeAll()
        free(temporaryDirectoryCopy)
        temporaryDirectoryCopy = nil
        if failure == nil, result != LXW_NO_ERROR {
            let reason = result == LXW_ERROR_CREATING_XLSX_FILE ? String(cString: strerror(errno)) : nil
            failure = XlsxWriterError(result, context: "writing workbook \(path)", detail: reason)
        }
        if let failure {
            unlink(path)
            throw failure
        }
        guard chmod(path, 0o640) == 0 else {
            throw XlsxWriterError(
                LXW_ERROR_CREATING_XLSX_FILE, context: "setting the permissions of \(path)",
                detail: String(cString: strerror(errno)))
        }
    }

    // MARK: - For sheets

    /// Traps when the workbook is closed: every sheet handle is freed by `workbook_close`.
    func requireOpen() {
        precondition(handle != nil, "the workbook \(path) is closed; its sheets can no longer be changed")
    }

    /// The libxlsxwriter format for `style`, made once per distinct style; `nil` for the default style.
    ///
    /// The corresponding C function is `workbook_add_format`.
    func format(for style: CellStyle) throws(XlsxWriterError) -> UnsafeMutablePointer<lxw_format>? {
        if style == CellStyle() { return nil }
        // A row uses a handful of styles: comparing the last few is cheaper than hashing one per cell.
        if let recent = recentFormats.first(where: { $0.style == style }) { return recent.format }
        if let existing = formats[style] {
            remember(style, existing)
            return existing
        }
        requireOpen()
        guard let handle, let format = workbook_add_format(handle) else {
            throw XlsxWriterError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "adding a cell format to \(path)")
        }
        style.apply(to: format)
        formats[style] = format
        remember(style, format)
        return format
    }

    private func remember(_ style: CellStyle, _ format: UnsafeMutablePointer<lxw_format>) {
        if recentFormats.count == 8 { recentFormats.removeLast() }
        recentFormats.insert((style, format), at: 0)
    }

    /// The hidden sheet for long drop-down lists, made and protected on first call.
    func listSheet() throws(XlsxWriterError) -> ListSheet {
        if let lists { return lists }
        var name = "_lists"
        var suffix = 1
        while records.contains(where: { $0.name.lowercased() == name }) {
            suffix += 1
            name = "_lists\(suffix)"
        }
        let record = try addRecord(name)
        record.isHidden = true
        worksheet_hide(record.worksheet)
        worksheet_protect(record.worksheet, nil, nil)
        let made = ListSheet(record: record)
        lists = made
        return made
    }

    /// A new chart owned by the workbook, or `nil` when libxlsxwriter cannot allocate one.
    ///
    /// The corresponding C function is `workbook_add_chart`.
    func addChart(type: UInt8) -> UnsafeMutablePointer<lxw_chart>? {
        requireOpen()
        return handle.flatMap { workbook_add_chart($0, type) }
    }

    /// Whether a sheet named `name` exists, ignoring case.
    func hasSheet(named name: String) -> Bool {
        records.contains { $0.name.lowercased() == name.lowercased() }
    }

    // MARK: - Private

    private func addRecord(_ name: String) throws(XlsxWriterError) -> SheetRecord {
        requireOpen()
        try SheetName.validate(name, existing: records.map(\.name))
        guard let handle, let worksheet = workbook_add_worksheet(handle, name) else {
            // Names are valid by now: in constant-memory mode each sheet needs a temporary file, else memory.
            guard options.constantMemory else {
                throw XlsxWriterError(LXW_ERROR_MEMORY_MALLOC_FAILED, context: "adding sheet \"\(name)\"")
            }
            throw XlsxWriterError(
                LXW_ERROR_CREATING_TMPFILE, context: "adding sheet \"\(name)\"",
                detail: "no temporary file in \(options.temporaryDirectory ?? "the system's temporary folder")")
        }
        let record = SheetRecord(name: name, worksheet: worksheet)
        records.append(record)
        return record
    }

    /// Applies the gathered column settings, writes the drop-down lists, and keeps a visible sheet active.
    private func finishSheets() throws(XlsxWriterError) {
        for record in records {
            for setting in record.columnSettings() {
                let columnFormat = try setting.unlocked ? format(for: CellStyle(locked: false)) : nil
                try XlsxWriterError.check(
                    worksheet_set_column(
                        record.worksheet, lxw_col_t(setting.column), lxw_col_t(setting.column), setting.width,
                        columnFormat),
                    "setting column \(SheetName.columnLetters(setting.column)) of sheet \"\(record.name)\"")
            }
        }
        try lists?.writeValues()
        if let first = records.first, first.isHidden {
            guard let visible = records.first(where: { !$0.isHidden }) else {
                throw XlsxWriterError(
                    LXW_ERROR_PARAMETER_VALIDATION, context: "writing workbook \(path)",
                    detail: "every sheet is hidden; Excel needs one visible sheet")
            }
            worksheet_activate(visible.worksheet)
        }
    }

    /// Creates `path` with mode 0600 (or narrows an existing file to it), refusing a symbolic link, a FIFO or a
    /// device.
    private static func createPrivateFile(at path: String) throws(XlsxWriterError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            let reason: String
            switch code {
            case ENOENT: reason = "the folder does not exist"
            case ELOOP: reason = "the path is a symbolic link, which is never written through"
            default: reason = String(cString: strerror(code))
            }
            throw XlsxWriterError(LXW_ERROR_CREATING_XLSX_FILE, context: "creating workbook \(path)", detail: reason)
        }
        defer { Glibc.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw XlsxWriterError(
                LXW_ERROR_CREATING_XLSX_FILE, context: "creating workbook \(path)", detail: "not a regular file")
        }
        if status.st_mode & 0o077 != 0 { fchmod(descriptor, 0o600) }
    }
}
