import Glibc

extension FileSystem {
    /// Takes an exclusive `flock` on `descriptor` without waiting and makes `holder` the file's whole content, so
    /// another process can say who holds it. Returns false, with the descriptor still open for reading the
    /// holder's note, when another process holds the lock; any other failure closes the descriptor and throws.
    ///
    /// The corresponding C functions are `flock` (`LOCK_EX | LOCK_NB`), `ftruncate` and `pwrite`.
    func tryLock(_ descriptor: Int32, path: String, holder: String) throws(LedgerError) -> Bool {
        do {
            try calls.lock(descriptor, LOCK_EX | LOCK_NB)
        } catch {
            guard error.code == EWOULDBLOCK else {
                closeQuietly(descriptor)
                throw LedgerError(errno: error.code, operation: "flock", path: path)
            }
            return false
        }
        do {
            try truncate(descriptor, to: 0, path: path)
            try writeAll(Array(holder.utf8), to: descriptor, at: 0, path: path)
        } catch {
            closeQuietly(descriptor)
            throw error
        }
        return true
    }
}
