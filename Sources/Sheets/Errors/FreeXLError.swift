internal import CFreeXL

/// An error reported by FreeXL while reading a legacy `.xls` workbook.
public struct FreeXLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// FreeXL's `FREEXL_*` return code; `rejectedFile` when FreeXL answered OK without a workbook handle.
    public let code: Int32

    init(code: Int32) {
        self.code = code
    }

    /// FreeXL returned `FREEXL_OK` but no handle: it declined the file (seen with workbooks holding charts).
    public static let rejectedFile = FreeXLError(code: 1)

    public var description: String {
        switch code {
        case FreeXLError.rejectedFile.code:
            "FreeXL declined the workbook (it may hold charts or objects it cannot read)"
        case FREEXL_FILE_NOT_FOUND: "file not found"
        case FREEXL_INSUFFICIENT_MEMORY: "out of memory"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            "the compound-file header is broken"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: "the file is cut short or corrupt"
        case FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY, FREEXL_INVALID_MINI_STREAM,
            FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
            "the compound file's allocation table is corrupt"
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_WORKBOOK_NOT_FOUND: "no Excel workbook stream inside"
        case FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX: "the shared string table is corrupt"
        case FREEXL_INVALID_CHARACTER, FREEXL_UNSUPPORTED_CHARSET: "text in an unsupported character set"
        case FREEXL_ILLEGAL_RK_VALUE: "a corrupt number record"
        case FREEXL_CRAFTED_FILE: "a severely corrupted file, possibly crafted to attack readers"
        default: "FreeXL error \(code)"
        }
    }
}
