import Glibc

extension FileSystem {
    /// Replaces the file at `path` with `bytes` (mode 0640) atomically, for small state files outside a session
    /// such as `status.json`; see ``writeAtomically(_:to:mode:)``.
    public func replaceAtomically(_ bytes: [UInt8], at path: String) throws(LedgerError) {
        try writeAtomically(bytes, to: path, mode: Self.fileMode)
    }

    /// Replaces the file at `path` with `bytes` so that a reader, or the disk after a crash, sees either the old
    /// content or the new, never a mixture.
    ///
    /// Missing folders are created (mode 0750). The bytes go to a hidden temporary file in the same folder
    /// (`.lixiao-<random>.tmp`, mode 0640), which is flushed, renamed over `path`, and then the folder itself is
    /// flushed so the rename survives a power loss. On failure the temporary file is removed, `path` is untouched,
    /// and the error names `path` (not the temporary file).
    /// The corresponding C functions are `open`, `pwrite`, `fsync`, `rename` and `fsync` on the folder.
    func writeAtomically(_ bytes: [UInt8], to path: String, mode: UInt32 = fileMode) throws(LedgerError) {
        let folder = Path.folder(of: path)
        let temporary = Path.join(folder, Self.temporaryName())
        do {
            try replace(path, with: bytes, through: temporary, mode: mode)
        } catch {
            throw error.naming(path, insteadOf: temporary)
        }
    }

    private func replace(
        _ path: String, with bytes: [UInt8], through temporary: String, mode: UInt32
    ) throws(LedgerError) {
        let folder = Path.folder(of: path)
        try makeFolders(folder)
        let descriptor = try open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode)
        do {
            try writeAll(bytes, to: descriptor, at: 0, path: temporary)
            try sync(descriptor, path: temporary)
        } catch {
            closeQuietly(descriptor)
            try? removeIfPresent(temporary)
            throw error
        }
        do {
            try close(descriptor, path: temporary)
            try rename(temporary, to: path)
        } catch {
            try? removeIfPresent(temporary)
            throw error
        }
        try syncFolder(folder)
    }

    /// A fresh hidden name for a temporary file; the prefix and suffix make inbox watchers and staff ignore it.
    static func temporaryName() -> String {
        let random = UInt64.random(in: 0...UInt64.max)
        let hex = String(random, radix: 16)
        return ".lixiao-" + String(repeating: "0", count: 16 - hex.count) + hex + ".tmp"
    }

    /// Whether `name` is one of ours from ``temporaryName()``, left behind by a crash.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".lixiao-") && name.hasSuffix(".tmp")
    }
}
