/// The central directory of a zip container, read and checked before libzip touches the file.
///
/// libzip reports what an archive declares; it does not refuse entries that share bytes (the overlapping-file
/// zip bomb) or names that climb out of a folder. This walks the directory once, in bounded time, and refuses
/// those shapes. Nothing is ever extracted to disk, so the name checks are about honesty, not path safety.
struct ZipDirectory {
    struct Entry {
        var name: String
        var localHeaderOffset: Int
        var compressedSize: Int
    }

    let entries: [Entry]

    /// Parses and validates the directory of `bytes`, throwing the first problem found.
    init(_ bytes: UnsafeRawBufferPointer, limits: ReadLimits) throws(SheetError.Problem) {
        let reader = LittleEndianReader(bytes)
        guard let end = Self.findEndRecord(reader) else {
            throw .damaged(detail: "no zip end-of-directory record; the file is cut short")
        }
        var count = reader.u16(end + 10)
        var size = reader.u32(end + 12)
        var offset = reader.u32(end + 16)
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
            let locator = end - 20
            guard locator >= 0, reader.u32(locator) == 0x0706_4B50 else {
                throw .damaged(detail: "ZIP64 locator missing")
            }
            let zip64End = reader.u64(locator + 8)
            guard zip64End >= 0, zip64End + 56 <= bytes.count, reader.u32(zip64End) == 0x0606_4B50 else {
                throw .damaged(detail: "ZIP64 end record missing")
            }
            count = reader.u64(zip64End + 32)
            size = reader.u64(zip64End + 40)
            offset = reader.u64(zip64End + 48)
        }
        guard count <= limits.maxZipEntries else { throw .tooManyEntries(count: count, limit: limits.maxZipEntries) }
        guard offset >= 0, size >= 0, offset + size <= bytes.count else {
            throw .damaged(detail: "the zip directory lies outside the file")
        }

        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var seen = Set<String>()
        var cursor = offset
        for _ in 0..<count {
            guard cursor + 46 <= bytes.count, reader.u32(cursor) == 0x0201_4B50 else {
                throw .damaged(detail: "zip directory entry \(entries.count + 1) is broken")
            }
            let nameLength = reader.u16(cursor + 28)
            let extraLength = reader.u16(cursor + 30)
            let commentLength = reader.u16(cursor + 32)
            guard cursor + 46 + nameLength + extraLength + commentLength <= bytes.count else {
                throw .damaged(detail: "zip directory entry \(entries.count + 1) runs past the file's end")
            }
            let name = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[(cursor + 46)..<(cursor + 46 + nameLength)]),
                as: UTF8.self)
            var compressed = reader.u32(cursor + 20)
            var local = reader.u32(cursor + 42)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF || reader.u32(cursor + 24) == 0xFFFF_FFFF {
                (compressed, local) = Self.zip64Values(
                    reader, extra: cursor + 46 + nameLength, length: extraLength,
                    uncompressedIsWide: reader.u32(cursor + 24) == 0xFFFF_FFFF,
                    compressed: compressed, local: local)
            }
            try Self.checkName(name)
            guard seen.insert(Self.normalizedName(name)).inserted else { throw .duplicateEntry(name) }
            entries.append(Entry(name: name, localHeaderOffset: local, compressedSize: compressed))
            cursor += 46 + nameLength + extraLength + commentLength
        }
        try Self.checkOverlaps(entries, reader: reader, fileSize: bytes.count)
        self.entries = entries
    }

    /// Finds the end-of-central-directory record, searching back over a possible archive comment.
    private static func findEndRecord(_ reader: LittleEndianReader) -> Int? {
        let size = reader.count
        guard size >= 22 else { return nil }
        var position = size - 22
        let stop = max(0, size - 22 - 65_535)
        while position >= stop {
            if reader.u32(position) == 0x0605_4B50 { return position }
            position -= 1
        }
        return nil
    }

    /// Reads the ZIP64 extended-information extra field for the sizes and offset that did not fit.
    private static func zip64Values(
        _ reader: LittleEndianReader, extra start: Int, length: Int, uncompressedIsWide: Bool, compressed: Int,
        local: Int
    ) -> (Int, Int) {
        var cursor = start
        while cursor + 4 <= start + length {
            let id = reader.u16(cursor)
            let size = reader.u16(cursor + 2)
            if id == 0x0001 {
                var field = cursor + 4
                var compressed = compressed
                var local = local
                if uncompressedIsWide { field += 8 }
                if compressed == 0xFFFF_FFFF { compressed = reader.u64(field); field += 8 }
                if local == 0xFFFF_FFFF { local = reader.u64(field) }
                return (compressed, local)
            }
            cursor += 4 + size
        }
        return (compressed, local)
    }

    /// A part name as lixiao compares it: lowercased (OPC names ignore case), backslashes read as slashes.
    static func normalizedName(_ name: String) -> String {
        let lowered = name.lowercased()
        return lowered.utf8.contains(0x5C) ? String(lowered.map { $0 == "\\" ? "/" : $0 }) : lowered
    }

    /// Refuses names that climb (`..`), are absolute, carry a drive letter, or hold control bytes.
    ///
    /// A backslash counts as a folder separator (some generators write `docProps\app.xml`): such names are read,
    /// since nothing is ever extracted, but they are held to the same checks as their slash form.
    private static func checkName(_ rawName: String) throws(SheetError.Problem) {
        let name = rawName.utf8.contains(0x5C) ? String(rawName.map { $0 == "\\" ? "/" : $0 }) : rawName
        let scalars = name.unicodeScalars
        if name.isEmpty || name.hasPrefix("/") || scalars.contains(where: { $0.value < 0x20 }) {
            throw .unsafeEntryName(rawName)
        }
        if scalars.count >= 2, let first = scalars.first, first.properties.isAlphabetic,
            scalars[scalars.index(after: scalars.startIndex)] == ":"
        {
            throw .unsafeEntryName(rawName)
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." }) {
            throw .unsafeEntryName(rawName)
        }
    }

    /// Refuses entries whose local header and data overlap another's: every byte belongs to one entry at most.
    private static func checkOverlaps(_ entries: [Entry], reader: LittleEndianReader, fileSize: Int)
        throws(SheetError.Problem)
    {
        var spans: [(start: Int, end: Int, name: String)] = []
        spans.reserveCapacity(entries.count)
        for entry in entries {
            let header = entry.localHeaderOffset
            guard header >= 0, header + 30 <= fileSize, reader.u32(header) == 0x0403_4B50 else {
                throw .damaged(detail: "zip entry \(entry.name) has no local header")
            }
            let dataStart = header + 30 + reader.u16(header + 26) + reader.u16(header + 28)
            let end = dataStart + entry.compressedSize
            guard entry.compressedSize >= 0, end <= fileSize else {
                throw .damaged(detail: "zip entry \(entry.name) runs past the file's end")
            }
            spans.append((header, end, entry.name))
        }
        spans.sort { $0.start < $1.start }
        for index in spans.indices.dropFirst() where spans[index].start < spans[index - 1].end {
            throw .overlappingEntries(spans[index - 1].name, spans[index].name)
        }
    }
}

/// Bounds-checked little-endian reads; out-of-range reads return 0, which every caller then rejects.
struct LittleEndianReader {
    let bytes: UnsafeRawBufferPointer
    var count: Int { bytes.count }

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func u16(_ offset: Int) -> Int {
        guard offset >= 0, offset + 2 <= bytes.count else { return 0 }
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> Int {
        guard offset >= 0, offset + 4 <= bytes.count else { return 0 }
        return u16(offset) | u16(offset + 2) << 16
    }

    func u64(_ offset: Int) -> Int {
        guard offset >= 0, offset + 8 <= bytes.count else { return 0 }
        let high = u32(offset + 4)
        guard high < 0x7FFF_FFFF else { return -1 }
        return u32(offset) | high << 32
    }
}
