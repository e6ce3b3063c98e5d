import Glibc

extension FileSystem {
    /// Atomically replaces `path` with `bytes` (see `writeAtomically`), for callers outside the ledger such as
    /// the outbox, which must never show half a file.
    public func replace(_ path: String, with bytes: [UInt8]) throws(LedgerError) {
        try writeAtomically(bytes, to: path)
    }

    /// Moves a finished file that another library wrote (an xlsx from libxlsxwriter) into place atomically:
    /// flushes it, sets mode 0640, renames it over `path` and flushes the folder.
    ///
    /// `temporary` must be in the same folder as `path`. On failure it is removed and `path` is untouched.
    /// The corresponding C functions are `open`, `fsync`, `fchmod`, `rename` and `fsync` on the folder.
    public func publish(_ temporary: String, as path: String) throws(LedgerError) {
        do {
            let descriptor = try open(temporary, flags: O_RDONLY)
            defer { closeQuietly(descriptor) }
            fchmod(descriptor, Self.fileMode)
            try sync(descriptor, path: temporary)
        } catch {
            try? removeIfPresent(temporary)
            throw error
        }
        do {
            try rename(temporary, to: path)
        } catch {
            try? removeIfPresent(temporary)
            throw error
        }
        try syncFolder(Path.folder(of: path))
    }

    /// Creates `path` and its missing parents with mode 0750.
    public func createFolders(_ path: String) throws(LedgerError) {
        try makeFolders(path)
    }

    /// A fresh hidden temporary name in `folder`, which inbox scans and staff ignore.
    public func temporaryPath(in folder: String, suffix: String = "") -> String {
        Path.join(folder, String(Self.temporaryName().dropLast(4)) + suffix + ".tmp")
    }
}
