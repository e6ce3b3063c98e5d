/// The seam through which the ledger makes every system call.
///
/// Nothing else in the module calls the C library's file functions: journals, snapshots, the archive, the lock
/// and atomic writes all go through one of these. ``live`` calls Glibc; ``failing(_:with:after:times:onPathsEndingWith:)``
/// and ``fillingUp(after:with:onPathsEndingWith:)`` wrap it to fail chosen calls, so tests can watch the ledger meet
/// a full disk or an I/O error without owning one.
public struct FileSystem: Sendable {
    /// A kind of system call the seam makes, for choosing which one a fault hits.
    public enum Operation: String, Sendable, CaseIterable {
        /// `open`, also of folders.
        case open
        /// `pread`.
        case read
        /// `pwrite`.
        case write
        /// `ftruncate`.
        case truncate
        /// `fsync`, also of folders.
        case fsync
        /// `rename`.
        case rename
        /// `unlink`.
        case unlink
        /// `mkdir`.
        case makeDirectory
        /// `flock`.
        case lock
        /// `fstat` and `lstat`.
        case status
        /// `opendir`, `readdir` and `closedir`.
        case listDirectory
        /// `close`.
        case close
    }

    /// The raw calls; each returns its result or throws the `errno` it failed with.
    struct Calls: Sendable {
        var open: @Sendable (_ path: String, _ flags: Int32, _ mode: UInt32) throws(Errno) -> Int32
        var close: @Sendable (_ descriptor: Int32) throws(Errno) -> Void
        var read:
            @Sendable (_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, _ offset: Int) throws(Errno) -> Int
        var write: @Sendable (_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, _ offset: Int) throws(Errno) -> Int
        var truncate: @Sendable (_ descriptor: Int32, _ length: Int) throws(Errno) -> Void
        var fsync: @Sendable (_ descriptor: Int32) throws(Errno) -> Void
        var rename: @Sendable (_ source: String, _ destination: String) throws(Errno) -> Void
        var unlink: @Sendable (_ path: String) throws(Errno) -> Void
        var makeDirectory: @Sendable (_ path: String, _ mode: UInt32) throws(Errno) -> Void
        var lock: @Sendable (_ descriptor: Int32, _ operation: Int32) throws(Errno) -> Void
        var statusOfDescriptor: @Sendable (_ descriptor: Int32) throws(Errno) -> FileStatus
        var statusOfPath: @Sendable (_ path: String) throws(Errno) -> FileStatus
        var listDirectory: @Sendable (_ path: String) throws(Errno) -> [String]
    }

    var calls: Calls

    init(calls: Calls) {
        self.calls = calls
    }
}

/// An `errno` value a system call failed with.
struct Errno: Error, Sendable, Equatable {
    var code: Int32
}

/// What `fstat` or `lstat` said about a file, reduced to what the ledger needs.
struct FileStatus: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, other
    }

    var kind: Kind
    var size: Int
    /// The permission bits (`st_mode & 0o7777`).
    var permissions: UInt32
}
