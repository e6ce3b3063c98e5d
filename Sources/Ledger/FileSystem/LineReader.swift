/// Reads a file line by line in large chunks, remembering where each line starts in the file.
///
/// Lines are split on `\n` only (the ledger's formats escape every other line break). A last line without its
/// `\n` is still returned, marked as not terminated, which is how a torn write shows itself.
struct LineReader {
    /// One line, without its `\n`.
    struct Line {
        var bytes: ArraySlice<UInt8>
        /// The file offset of the line's first byte.
        var offset: Int
        /// Whether the line ended with `\n`.
        var terminated: Bool
        /// The file offset just past the line and its `\n`.
        var end: Int { offset + bytes.count + (terminated ? 1 : 0) }
    }

    static let chunkSize = 1 << 20

    let fileSystem: FileSystem
    let descriptor: Int32
    let path: String
    /// Reading stops at this file offset; `nil` reads to the end of the file.
    let limit: Int?

    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next `\n` resumes, so a long line is not searched again after each read.
    private var searchFrom = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset: Int
    private var reachedEnd = false

    /// A reader of `descriptor` from `offset` up to `limit` (or the end of the file); `path` names it in errors.
    init(fileSystem: FileSystem, descriptor: Int32, path: String, from offset: Int = 0, limit: Int? = nil) {
        self.fileSystem = fileSystem
        self.descriptor = descriptor
        self.path = path
        self.limit = limit
        self.bufferOffset = offset
    }

    /// The next line, or `nil` at the end.
    mutating func next() throws(LedgerError) -> Line? {
        while true {
            if let newline = TSV.firstIndex(of: TSV.newline, in: buffer[...], from: searchFrom) {
                let line = Line(bytes: buffer[position..<newline], offset: bufferOffset + position, terminated: true)
                position = newline + 1
                searchFrom = position
                return line
            }
            searchFrom = buffer.count
            if reachedEnd {
                guard position < buffer.count else { return nil }
                let line = Line(bytes: buffer[position...], offset: bufferOffset + position, terminated: false)
                position = buffer.count
                return line
            }
            try refill()
        }
    }

    /// Everything from the current position to the end.
    mutating func readToEnd() throws(LedgerError) -> [UInt8] {
        while !reachedEnd { try refill() }
        let rest = Array(buffer[position...])
        position = buffer.count
        searchFrom = position
        return rest
    }

    /// Reads the next chunk into a fresh buffer that starts with the unconsumed bytes.
    ///
    /// A fresh buffer (rather than shifting the old one) keeps lines already returned valid and uncopied.
    private mutating func refill() throws(LedgerError) {
        let fileOffset = bufferOffset + buffer.count
        var wanted = Self.chunkSize
        if let limit { wanted = min(wanted, limit - fileOffset) }
        guard wanted > 0 else {
            reachedEnd = true
            return
        }
        let kept = buffer[position...]
        var failure: LedgerError?
        let next = [UInt8](unsafeUninitializedCapacity: kept.count + wanted) { storage, initialized in
            let raw = UnsafeMutableRawBufferPointer(storage)
            kept.withUnsafeBytes { raw.copyMemory(from: $0) }
            initialized = kept.count
            do throws(LedgerError) {
                let target = UnsafeMutableRawBufferPointer(rebasing: raw[kept.count...])
                initialized += try fileSystem.read(descriptor, into: target, at: fileOffset, path: path)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        let count = next.count - kept.count
        if count == 0 { reachedEnd = true }
        searchFrom = searchFrom - position
        bufferOffset += position
        position = 0
        buffer = next
    }
}
