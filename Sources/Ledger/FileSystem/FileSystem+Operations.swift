import Glibc

/// The seam's calls as the rest of the module uses them: each failure becomes a ``LedgerError`` naming the path.
extension FileSystem {
    /// Permission bits of every file the ledger creates: owner read-write, group read, no world access.
    static let fileMode: UInt32 = 0o640
    /// Permission bits of every folder the ledger creates.
    static let folderMode: UInt32 = 0o750

    /// Opens `path`; `O_CLOEXEC` is always added.
    ///
    /// The corresponding C function is `open`.
    func open(_ path: String, flags: Int32, mode: UInt32 = fileMode) throws(LedgerError) -> Int32 {
        do {
            return try calls.open(path, flags | O_CLOEXEC, mode)
        } catch {
            throw LedgerError(errno: error.code, operation: "open", path: path)
        }
    }

    /// Closes a descriptor, reporting failure (a late write error can surface here).
    ///
    /// The corresponding C function is `close`.
    func close(_ descriptor: Int32, path: String) throws(LedgerError) {
        do {
            try calls.close(descriptor)
        } catch {
            throw LedgerError(errno: error.code, operation: "close", path: path)
        }
    }

    /// Closes a descriptor whose fate no longer matters (after another failure, or one only read).
    func closeQuietly(_ descriptor: Int32) {
        try? calls.close(descriptor)
    }

    /// Reads up to `buffer.count` bytes at `offset`; 0 means the end of the file.
    ///
    /// The corresponding C function is `pread`.
    func read(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String
    ) throws(LedgerError) -> Int {
        do {
            return try calls.read(descriptor, buffer, offset)
        } catch {
            throw LedgerError(errno: error.code, operation: "read", path: path)
        }
    }

    /// Writes all of `bytes` at `offset`, looping over short writes.
    ///
    /// A failure part-way leaves the bytes before it written; callers that must be all-or-nothing truncate back.
    /// The corresponding C function is `pwrite`.
    func writeAll(_ bytes: [UInt8], to descriptor: Int32, at offset: Int, path: String) throws(LedgerError) {
        var written = 0
        while written < bytes.count {
            let result: Result<Int, Errno> = bytes.withUnsafeBytes { raw in
                let rest = UnsafeRawBufferPointer(rebasing: raw[written...])
                return Result { () throws(Errno) in try calls.write(descriptor, rest, offset + written) }
            }
            switch result {
            case .success(let count) where count > 0: written += count
            case .success: throw LedgerError(errno: EIO, operation: "write", path: path)
            case .failure(let error): throw LedgerError(errno: error.code, operation: "write", path: path)
            }
        }
    }

    /// Sets a file's length.
    ///
    /// The corresponding C function is `ftruncate`.
    func truncate(_ descriptor: Int32, to length: Int, path: String) throws(LedgerError) {
        do {
            try calls.truncate(descriptor, length)
        } catch {
            throw LedgerError(errno: error.code, operation: "ftruncate", path: path)
        }
    }

    /// Flushes a file's data and metadata to the disk.
    ///
    /// The corresponding C function is `fsync`.
    func sync(_ descriptor: Int32, path: String) throws(LedgerError) {
        do {
            try calls.fsync(descriptor)
        } catch {
            throw LedgerError(errno: error.code, operation: "fsync", path: path)
        }
    }

    /// Flushes a folder, so that names created, renamed or removed in it survive a power loss.
    ///
    /// The corresponding C functions are `open` (with `O_DIRECTORY`) and `fsync`.
    func syncFolder(_ path: String) throws(LedgerError) {
        let descriptor = try open(path, flags: O_RDONLY | O_DIRECTORY)
        defer { closeQuietly(descriptor) }
        try sync(descriptor, path: path)
    }

    /// Renames a file, replacing any file at `destination`.
    ///
    /// The corresponding C function is `rename`.
    func rename(_ source: String, to destination: String) throws(LedgerError) {
        do {
            try calls.rename(source, destination)
        } catch {
            throw LedgerError(errno: error.code, operation: "rename", path: destination)
        }
    }

    /// Removes a file; one already gone is not an error.
    ///
    /// The corresponding C function is `unlink`.
    public func removeIfPresent(_ path: String) throws(LedgerError) {
        do {
            try calls.unlink(path)
        } catch let error where error.code == ENOENT {
            return
        } catch {
            throw LedgerError(errno: error.code, operation: "unlink", path: path)
        }
    }

    /// What an open file is.
    ///
    /// The corresponding C function is `fstat`.
    func status(_ descriptor: Int32, path: String) throws(LedgerError) -> FileStatus {
        do {
            return try calls.statusOfDescriptor(descriptor)
        } catch {
            throw LedgerError(errno: error.code, operation: "fstat", path: path)
        }
    }

    /// What is at `path`, without following a symbolic link; `nil` when nothing is.
    ///
    /// The corresponding C function is `lstat`.
    func status(of path: String) throws(LedgerError) -> FileStatus? {
        do {
            return try calls.statusOfPath(path)
        } catch let error where error.code == ENOENT {
            return nil
        } catch {
            throw LedgerError(errno: error.code, operation: "lstat", path: path)
        }
    }

    /// The names in a folder (without `.` and `..`), unsorted; empty when the folder does not exist.
    ///
    /// The corresponding C functions are `opendir`, `readdir` and `closedir`.
    func names(in folder: String) throws(LedgerError) -> [String] {
        do {
            return try calls.listDirectory(folder)
        } catch let error where error.code == ENOENT {
            return []
        } catch {
            throw LedgerError(errno: error.code, operation: "opendir", path: folder)
        }
    }

    /// Creates `path` and any missing parents with mode 0750, flushing each parent that gained a folder.
    ///
    /// The corresponding C functions are `mkdir` and `fsync`.
    func makeFolders(_ path: String) throws(LedgerError) {
        if let existing = try status(of: path) {
            guard existing.kind == .directory else {
                throw LedgerError(errno: ENOTDIR, operation: "mkdir", path: path)
            }
            return
        }
        let parent = Path.folder(of: path)
        if parent != path { try makeFolders(parent) }
        do {
            try calls.makeDirectory(path, Self.folderMode)
        } catch let error where error.code == EEXIST {
            return
        } catch {
            throw LedgerError(errno: error.code, operation: "mkdir", path: path)
        }
        try syncFolder(parent)
    }

    /// The whole content of a small file, or `nil` when it does not exist.
    func contents(of path: String) throws(LedgerError) -> [UInt8]? {
        let descriptor: Int32
        do {
            descriptor = try open(path, flags: O_RDONLY)
        } catch let error where error.kind == .io(operation: "open", path: path, errno: ENOENT) {
            return nil
        }
        defer { closeQuietly(descriptor) }
        return try contents(ofOpen: descriptor, path: path)
    }

    /// The whole content of an open small file.
    func contents(ofOpen descriptor: Int32, path: String) throws(LedgerError) -> [UInt8] {
        var reader = LineReader(fileSystem: self, descriptor: descriptor, path: path)
        return try reader.readToEnd()
    }
}
