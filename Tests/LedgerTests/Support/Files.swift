import Foundation
import Glibc

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init(_ label: String = "ledger") throws {
        var base = NSTemporaryDirectory()
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array("\(base)/lixiao-\(label)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let made else { throw ProbeError("mkdtemp failed: errno \(errno)") }
        path = made
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A path inside the folder.
    func callAsFunction(_ name: String) -> String { path + "/" + name }
}

/// Small file helpers for tests, which may use Foundation freely.
enum Files {
    static func bytes(_ path: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func append(_ bytes: [UInt8], to path: String) throws {
        try write(try self.bytes(path) + bytes, to: path)
    }

    /// The permission bits of the file or folder at `path` (not following a symbolic link).
    static func permissions(_ path: String) -> UInt32 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0o7777 }
        return UInt32(info.st_mode & 0o7777)
    }

    static func inode(_ path: String) -> UInt {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return UInt(info.st_ino)
    }

    static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// The offsets just past each `\n` in `bytes`.
    static func lineEnds(_ bytes: [UInt8]) -> [Int] {
        bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }
}

/// A small seeded generator (SplitMix64), so a failing random run can be repeated from its printed seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
