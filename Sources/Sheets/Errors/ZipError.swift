internal import CLibZip

/// An error reported by libzip, with its code mapped to a message in one place.
public struct ZipError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libzip's `ZIP_ER_*` code.
    public let code: Int32
    /// The `errno` that accompanied it, or 0.
    public let systemCode: Int32

    init(code: Int32, systemCode: Int32 = 0) {
        self.code = code
        self.systemCode = systemCode
    }

    /// Reads the code out of a libzip `zip_error_t`.
    ///
    /// The corresponding C functions are `zip_error_code_zip` and `zip_error_code_system`.
    init(_ error: UnsafeMutablePointer<zip_error_t>) {
        self.init(code: zip_error_code_zip(error), systemCode: zip_error_code_system(error))
    }

    /// Whether the archive is cut short or its structure is inconsistent, rather than unreadable for another
    /// reason.
    public var isDamage: Bool {
        [ZIP_ER_NOZIP, ZIP_ER_INCONS, ZIP_ER_CRC, ZIP_ER_EOF, ZIP_ER_COMPRESSED_DATA, ZIP_ER_SEEK, ZIP_ER_READ]
            .contains(code)
    }

    /// Whether the archive or an entry is encrypted.
    public var isEncryption: Bool {
        [ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD].contains(code)
    }

    public var description: String {
        switch code {
        case ZIP_ER_NOZIP: "not a zip archive"
        case ZIP_ER_INCONS: "zip archive is inconsistent"
        case ZIP_ER_CRC: "zip entry fails its CRC check"
        case ZIP_ER_EOF: "zip archive ends too early"
        case ZIP_ER_COMPRESSED_DATA: "zip entry's compressed data is invalid"
        case ZIP_ER_COMPNOTSUPP: "zip entry uses an unsupported compression method"
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD: "zip entry is encrypted"
        case ZIP_ER_MEMORY: "out of memory while reading the zip archive"
        case ZIP_ER_NOENT: "zip entry not found"
        case ZIP_ER_READ, ZIP_ER_SEEK: "read error in the zip archive (errno \(systemCode))"
        default: "libzip error \(code)"
        }
    }
}
