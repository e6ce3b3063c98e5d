import Glibc

extension FileSystem {
    /// The real file system: every call goes straight to Glibc, retrying those interrupted by a signal (`EINTR`).
    public static let live = FileSystem(
        calls: Calls(
            open: { (path, flags, mode) throws(Errno) in
                // Never inherited: a child process (the isolated reader, a test's tool) must not hold the
                // ledger's lock or a journal open after lixiao lets go of them.
                try retryingInterrupted { Glibc.open(path, flags | O_CLOEXEC, mode_t(mode)) }
            },
            close: { (descriptor) throws(Errno) in
                // Linux releases the descriptor even when close fails with EINTR, so it must not be retried.
                guard Glibc.close(descriptor) == 0 else { throw Errno(code: errno) }
            },
            read: { (descriptor, buffer, offset) throws(Errno) in
                try retryingInterrupted { pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset)) }
            },
            write: { (descriptor, bytes, offset) throws(Errno) in
                try retryingInterrupted { pwrite(descriptor, bytes.baseAddress, bytes.count, off_t(offset)) }
            },
            truncate: { (descriptor, length) throws(Errno) in
                _ = try retryingInterrupted { ftruncate(descriptor, off_t(length)) }
            },
            fsync: { (descriptor) throws(Errno) in
                _ = try retryingInterrupted { Glibc.fsync(descriptor) }
            },
            rename: { (source, destination) throws(Errno) in
                guard Glibc.rename(source, destination) == 0 else { throw Errno(code: errno) }
            },
            unlink: { (path) throws(Errno) in
                guard Glibc.unlink(path) == 0 else { throw Errno(code: errno) }
            },
            makeDirectory: { (path, mode) throws(Errno) in
                guard mkdir(path, mode_t(mode)) == 0 else { throw Errno(code: errno) }
            },
            lock: { (descriptor, operation) throws(Errno) in
                _ = try retryingInterrupted { flock(descriptor, operation) }
            },
            statusOfDescriptor: { (descriptor) throws(Errno) in
                var info = stat()
                guard fstat(descriptor, &info) == 0 else { throw Errno(code: errno) }
                return FileStatus(info)
            },
            statusOfPath: { (path) throws(Errno) in
                var info = stat()
                guard lstat(path, &info) == 0 else { throw Errno(code: errno) }
                return FileStatus(info)
            },
            listDirectory: { (path) throws(Errno) in
                try namesInDirectory(path)
            }
        )
    )
}

/// Calls `body` until it does not fail with `EINTR`; a negative result throws the `errno` it set.
private func retryingInterrupted<Result: BinaryInteger>(_ body: () -> Result) throws(Errno) -> Result {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code != EINTR { throw Errno(code: code) }
    }
}

/// The names in a folder, without `.` and `..`.
///
/// The corresponding C functions are `opendir`, `readdir` and `closedir`.
private func namesInDirectory(_ path: String) throws(Errno) -> [String] {
    guard let directory = opendir(path) else { throw Errno(code: errno) }
    defer { closedir(directory) }
    var names: [String] = []
    errno = 0
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
            tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                String(cString: $0)
            }
        }
        if name != "." && name != ".." { names.append(name) }
    }
    if errno != 0 { throw Errno(code: errno) }
    return names
}

extension FileStatus {
    fileprivate init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = Int(info.st_size)
        permissions = UInt32(info.st_mode & 0o7777)
    }
}
