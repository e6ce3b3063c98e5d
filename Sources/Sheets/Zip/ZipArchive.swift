internal import CLibZip

/// A zip container opened read-only from memory through libzip, whose entries stream out under limits.
///
/// Before libzip sees the bytes, `ZipDirectory` has refused overlapping, duplicate and unsafe entries and
/// capped the entry count. While inflating, every byte is counted: an entry that inflates past what its header
/// declares, past the size limit, or that declares an implausible compression ratio is refused at once.
final class ZipArchive {
    private let archive: OpaquePointer
    private let bytes: FileBytes
    private let limits: ReadLimits
    let directory: ZipDirectory
    /// Entry index by part name, lowercased with backslashes read as slashes (some generators write
    /// `docProps\app.xml`); the directory lists entries in libzip's index order.
    private let indexByName: [String: Int]

    /// Opens the archive held in `bytes`.
    ///
    /// The corresponding C functions are `zip_source_buffer_create` and `zip_open_from_source` (with
    /// `ZIP_RDONLY | ZIP_CHECKCONS`).
    init(bytes: FileBytes, directory: ZipDirectory, limits: ReadLimits) throws(SheetError.Problem) {
        self.bytes = bytes
        self.limits = limits
        self.directory = directory
        var indexByName: [String: Int] = [:]
        for (index, entry) in directory.entries.enumerated() {
            indexByName[ZipDirectory.normalizedName(entry.name)] = index
        }
        self.indexByName = indexByName
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(bytes.buffer.baseAddress, UInt64(bytes.count), 0, &error) else {
            throw .zip(ZipError(&error))
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            zip_source_free(source)
            let zipError = ZipError(&error)
            throw zipError.isDamage ? .damaged(detail: zipError.description) : .zip(zipError)
        }
        self.archive = archive
    }

    deinit { zip_discard(archive) }

    /// Whether an entry of this name exists (part names compare without case, as OPC says).
    func contains(_ name: String) -> Bool {
        indexByName[ZipDirectory.normalizedName(name)] != nil
    }

    /// Streams the inflated bytes of entry `name` to `consume`, in chunks, enforcing the limits.
    ///
    /// The corresponding C functions are `zip_stat_index`, `zip_fopen_index` and `zip_fread`.
    func read(
        _ name: String, chunkSize: Int = 256 << 10,
        _ consume: (UnsafeRawBufferPointer) throws(SheetError.Problem) -> Void
    ) throws(SheetError.Problem) {
        guard let index = indexByName[ZipDirectory.normalizedName(name)] else { throw .missingPart(name) }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        guard zip_stat_index(archive, UInt64(index), 0, &stat) == 0 else {
            throw .zip(ZipError(zip_get_error(archive)))
        }
        if stat.valid & UInt64(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != 0 { throw .encrypted }

        // Pre-checks on what the headers declare; the counting below never trusts them.
        let declared = stat.valid & UInt64(ZIP_STAT_SIZE) != 0 ? Int(clamping: stat.size) : nil
        let compressed = stat.valid & UInt64(ZIP_STAT_COMP_SIZE) != 0 ? Int(clamping: stat.comp_size) : nil
        if let declared, let compressed, compressed > 0, declared > 1 << 20,
            declared / compressed > limits.maxCompressionRatio
        {
            throw .compressionRatio(entry: name, ratio: declared / compressed, limit: limits.maxCompressionRatio)
        }
        if let declared, declared > limits.maxEntryBytes {
            throw .entryTooLarge(entry: name, limit: limits.maxEntryBytes)
        }

        guard let file = zip_fopen_index(archive, UInt64(index), 0) else {
            let error = ZipError(zip_get_error(archive))
            throw error.isEncryption ? .encrypted : .zip(error)
        }
        defer { zip_fclose(file) }
        let ceiling = min(declared ?? limits.maxEntryBytes, limits.maxEntryBytes)
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var total = 0
        while true {
            // Ask for one byte more than the ceiling allows, so an entry that overruns is caught in the act.
            let wanted = min(chunkSize, ceiling - total + 1)
            let got = zip_fread(file, chunk.baseAddress, UInt64(wanted))
            if got < 0 {
                let error = ZipError(zip_file_get_error(file))
                throw error.isDamage ? .damaged(detail: "\(name): \(error)") : .zip(error)
            }
            if got == 0 { break }
            total += Int(got)
            if total > ceiling {
                if let declared, declared < limits.maxEntryBytes {
                    throw .entryLargerThanDeclared(entry: name, declared: declared)
                }
                throw .entryTooLarge(entry: name, limit: limits.maxEntryBytes)
            }
            try consume(UnsafeRawBufferPointer(rebasing: chunk[0..<Int(got)]))
        }
    }

    /// The whole inflated entry, for the small parts of a package (relationships, workbook, styles).
    func readAll(_ name: String) throws(SheetError.Problem) -> [UInt8] {
        var result: [UInt8] = []
        try read(name) { chunk in result.append(contentsOf: chunk) }
        return result
    }
}
