import Glibc

/// A file's whole contents in one stable buffer, read without following links.
///
/// The buffer stays put for the object's life, so libzip and libxml2 can read it without copies.
final class FileBytes: @unchecked Sendable {
    let buffer: UnsafeMutableRawBufferPointer
    var count: Int { buffer.count }

    /// Reads `path`, refusing anything but a regular file and anything over `limit` bytes.
    ///
    /// The corresponding C functions are `open` (with `O_NOFOLLOW`), `fstat` and `read`.
    init(path: String, limit: Int, name: String) throws(SheetError) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ELOOP { throw SheetError(file: name, problem: .notRegularFile) }
            throw SheetError(file: name, problem: .unreadable(reason: String(cString: strerror(code))))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw SheetError(file: name, problem: .notRegularFile)
        }
        let size = Int(status.st_size)
        guard size <= limit else { throw SheetError(file: name, problem: .fileTooLarge(bytes: size, limit: limit)) }
        guard size > 0 else { throw SheetError(file: name, problem: .emptyFile) }
        buffer = .allocate(byteCount: size, alignment: 16)
        var filled = 0
        while filled < size {
            let got = read(descriptor, buffer.baseAddress.map { $0 + filled }, size - filled)
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                let reason = got == 0 ? "the file shrank while being read" : String(cString: strerror(errno))
                buffer.deallocate()
                throw SheetError(file: name, problem: .unreadable(reason: reason))
            }
            filled += got
        }
    }

    deinit { buffer.deallocate() }

    /// The first `count` bytes (fewer if the file is shorter).
    func prefix(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, buffer.count)])
    }
}
