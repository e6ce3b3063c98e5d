import Crypto
import Glibc
import Printing
import Sheets

/// What an output file is, as a value: a workbook, a printed page (PDF) or a signed text.
enum OutputValue: Sendable, Hashable {
    case workbook(WorkbookModel)
    case page(PrintedPage)
    /// The file's bytes, and the bytes its fingerprint is taken of (the text without its stamp and signature).
    case text(bytes: [UInt8], canonical: [UInt8])

    struct NotAWorkbook: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is not a workbook" }
    }

    /// The hash of what a reader would see, without the stamp (``Fingerprint``).
    var fingerprint: String {
        switch self {
        case .workbook(let model): return Fingerprint.of(model)
        case .page(let page): return Self.digest("page", page.canonicalBytes())
        case .text(_, let canonical): return Self.digest("text", canonical)
        }
    }

    /// The suffix of the temporary file it is written to before being renamed into place.
    var suffix: String {
        switch self {
        case .workbook: ".xlsx"
        case .page: ".pdf"
        case .text: ".txt"
        }
    }

    /// Writes the file to `path` (the caller publishes it).
    func write(to path: String) throws {
        switch self {
        case .workbook(let model): try model.write(to: path)
        case .page(let page): try page.write(to: path)
        case .text(let bytes, _): try TextFile.write(bytes, to: path)
        }
    }

    private static func digest(_ kind: String, _ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array((Fingerprint.version + " " + kind + "\n").utf8))
        hasher.update(data: bytes)
        return Fingerprint.hex(hasher.finalize())
    }
}

/// Writes a small text file (the caller syncs and publishes it).
enum TextFile {
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw WriteError(path: path, code: count < 0 ? errno : ENOSPC) }
            written += count
        }
    }
}
