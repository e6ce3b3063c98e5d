internal import CXlsxWriter

/// An error from writing an xlsx workbook: libxlsxwriter's code, its message, and what was being done.
///
/// Checks made in Swift before calling the library (sheet names, cell positions, the output folder) use the
/// libxlsxwriter code closest to the problem, so callers can sort every writing error by `kind`.
public struct XlsxWriterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libxlsxwriter's `lxw_error` code.
    public let code: Int32
    /// libxlsxwriter's text for the code, from `lxw_strerror`.
    public let message: String
    /// What was being done, such as `adding sheet "学院统计"` or `writing cell D7 of sheet "lixiao"`.
    public let context: String
    /// Anything more precise than the code's text: the broken sheet-name rule, the system's reason.
    public let detail: String?
    /// The broad kind of failure, from `code` unless a check made in Swift said better.
    public let kind: Kind

    /// The broad kinds of failure, for callers that react differently to each.
    public enum Kind: Hashable, Sendable {
        /// The output file or a temporary file could not be created, written or zipped.
        case fileSystem
        /// A sheet name breaks one of Excel's rules.
        case invalidSheetName
        /// A row or column outside the sheet, or a row behind the current one in constant-memory mode.
        case outOfRange
        /// A string longer than Excel accepts in that place.
        case tooLong
        /// Any other refused argument.
        case invalidArgument
        case outOfMemory
        case other
    }

    init(_ error: lxw_error, context: String, detail: String? = nil, kind: Kind? = nil) {
        code = Int32(bitPattern: error.rawValue)
        message = lxw_strerror(error).map { String(cString: $0) } ?? "libxlsxwriter error \(error.rawValue)"
        self.context = context
        self.detail = detail
        self.kind = kind ?? Kind(error)
    }

    /// Throws when `error` is not `LXW_NO_ERROR`; `context` is only evaluated on failure.
    static func check(
        _ error: lxw_error, _ context: @autoclosure () -> String, detail: String? = nil
    ) throws(XlsxWriterError) {
        guard error != LXW_NO_ERROR else { return }
        throw XlsxWriterError(error, context: context(), detail: detail)
    }

    /// `context: message (detail)`, in English for logs and the command line.
    public var description: String {
        "\(context): \(message)" + (detail.map { " (\($0))" } ?? "")
    }
}

extension XlsxWriterError.Kind {
    /// The one place that sorts libxlsxwriter's codes.
    init(_ error: lxw_error) {
        self =
            switch error {
            case LXW_ERROR_CREATING_XLSX_FILE, LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE,
                LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
                LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
                .fileSystem
            case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED, LXW_ERROR_INVALID_SHEETNAME_CHARACTER,
                LXW_ERROR_SHEETNAME_START_END_APOSTROPHE, LXW_ERROR_SHEETNAME_ALREADY_USED:
                .invalidSheetName
            case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
                .outOfRange
            case LXW_ERROR_32_STRING_LENGTH_EXCEEDED, LXW_ERROR_128_STRING_LENGTH_EXCEEDED,
                LXW_ERROR_255_STRING_LENGTH_EXCEEDED, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED,
                LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED:
                .tooLong
            case LXW_ERROR_PARAMETER_VALIDATION, LXW_ERROR_NULL_PARAMETER_IGNORED, LXW_ERROR_FEATURE_NOT_SUPPORTED,
                LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED, LXW_ERROR_IMAGE_DIMENSIONS:
                .invalidArgument
            case LXW_ERROR_MEMORY_MALLOC_FAILED:
                .outOfMemory
            default:
                .other
            }
    }
}
