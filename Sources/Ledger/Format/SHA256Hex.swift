import Crypto
import Glibc

/// SHA-256 digests as the ledger writes them: 64 lowercase hexadecimal digits.
public enum SHA256Hex {
    /// The digest of `bytes`.
    public static func of(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = IncrementalSHA256()
        let handled: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(bytes).withUnsafeBytes { hasher.update($0) } }
        return hasher.finalize()
    }

    /// The digest of the file at `path`, read in 1 MiB chunks so a large file is never held in memory.
    ///
    /// The corresponding C functions are `open` and `pread`.
    public static func ofFile(_ path: String, fileSystem: FileSystem = .live) throws(LedgerError) -> String {
        let descriptor = try fileSystem.open(path, flags: O_RDONLY)
        defer { fileSystem.closeQuietly(descriptor) }
        var hasher = IncrementalSHA256()
        try forEachChunk(of: descriptor, path: path, fileSystem: fileSystem) { hasher.update($0) }
        return hasher.finalize()
    }

    /// Calls `body` with each successive chunk of an open file, from its start to its end.
    static func forEachChunk(
        of descriptor: Int32, path: String, fileSystem: FileSystem,
        _ body: (UnsafeRawBufferPointer) throws(LedgerError) -> Void
    ) throws(LedgerError) {
        var chunk = [UInt8](repeating: 0, count: LineReader.chunkSize)
        var offset = 0
        while true {
            let result: Result<Int, LedgerError> = chunk.withUnsafeMutableBytes { raw in
                Result { () throws(LedgerError) in try fileSystem.read(descriptor, into: raw, at: offset, path: path) }
            }
            let count = try result.get()
            if count == 0 { return }
            let bodyResult: Result<Void, LedgerError> = chunk.withUnsafeBytes { raw in
                Result { () throws(LedgerError) in try body(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
            }
            try bodyResult.get()
            offset += count
        }
    }

    /// Appends the digest of `buffer[start...]` to `buffer` as 64 hex digits.
    static func appendDigest(ofBytesFrom start: Int, to buffer: inout [UInt8]) {
        var hasher = SHA256()
        buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        hasher.finalize().withUnsafeBytes { digest in
            for byte in digest {
                buffer.append(digits[Int(byte >> 4)])
                buffer.append(digits[Int(byte & 0x0F)])
            }
        }
    }

    /// Whether `hex` (64 hex digits) is the digest of `bytes`.
    static func matches(_ hex: ArraySlice<UInt8>, digestOf bytes: ArraySlice<UInt8>) -> Bool {
        guard hex.count == 64 else { return false }
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { digest in
            var index = hex.startIndex
            for byte in digest {
                guard hex[index] == digits[Int(byte >> 4)], hex[index + 1] == digits[Int(byte & 0x0F)] else {
                    return false
                }
                index += 2
            }
            return true
        }
    }

    /// Whether `text` looks like a digest this module writes: 64 lowercase hex digits.
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { digits.contains($0) }
    }

    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    fileprivate static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        digest.withUnsafeBytes { raw in
            for byte in raw {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// A SHA-256 fed piece by piece, so the rest of the module needs no import of Crypto.
struct IncrementalSHA256 {
    private var hasher = SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// The digest as 64 lowercase hex digits.
    func finalize() -> String {
        SHA256Hex.hex(hasher.finalize())
    }
}
