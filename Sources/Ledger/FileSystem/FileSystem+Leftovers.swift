extension FileSystem {
    /// Removes the hidden temporary files (`.lixiao-*.tmp`) a crash left anywhere under `folder`, and returns
    /// their paths.
    ///
    /// Every name is looked at with `lstat`: symbolic links — to files or to folders — are never followed,
    /// entered or removed, and nothing but our own temporary names is touched. Call it only while holding the
    /// ledger's lock, since every writer of such files holds it too. Folders in `excluded` (the inbox, whose files
    /// are staff's) are not entered. The corresponding C functions are `opendir`, `readdir`, `lstat` and `unlink`.
    public func removeLeftoverTemporaryFiles(
        under folder: String, excluding excluded: Set<String> = []
    ) throws(LedgerError) -> [String] {
        let excluded = Set(excluded.map(Path.trimmingTrailingSlashes))
        var removed: [String] = []
        let folder = Path.trimmingTrailingSlashes(folder)
        guard !excluded.contains(folder) else { return [] }
        var pending = [folder]
        while let current = pending.popLast() {
            for name in try names(in: current) {
                let path = Path.join(current, name)
                guard let status = try status(of: path) else { continue }
                switch status.kind {
                case .directory:
                    if !excluded.contains(path) { pending.append(path) }
                case .regular where Self.isTemporaryName(name):
                    try removeIfPresent(path)
                    removed.append(path)
                case .regular, .symbolicLink, .other:
                    continue
                }
            }
        }
        return removed.sorted()
    }
}
