import Foundation
import Glibc

/// The places below a folder where something is mounted, from `/proc/self/mountinfo`.
///
/// A bind mount of a folder or file on the same file system keeps its device number, so comparing devices does
/// not find it; the kernel's mount table does. Paths are compared as bytes, as the kernel writes them (with
/// `\040`-style escapes undone), against the folder's real path.
struct MountPoints: Sendable {
    private var points: Set<[UInt8]> = []
    private var prefix: [UInt8] = []

    /// No mount points at all.
    init() {}

    /// The mount points strictly below `folder`; none when the table cannot be read (not Linux).
    init(below folder: String) {
        guard let real = realpath(folder, nil) else { return }
        prefix = Array(String(cString: real).utf8)
        free(real)
        guard let table = FileManager.default.contents(atPath: "/proc/self/mountinfo") else { return }
        for line in table.split(separator: 0x0A) {
            let fields = line.split(separator: 0x20)
            guard fields.count > 4 else { continue }
            let point = Self.unescape(Array(fields[4]))
            if point.count > prefix.count + 1, point.starts(with: prefix + [0x2F]) { points.insert(point) }
        }
    }

    var isEmpty: Bool { points.isEmpty }

    /// Whether the entry `name` of the folder whose path below `folder` is `components` is a mount point.
    func contains(components: [[UInt8]], name: [UInt8]) -> Bool {
        guard !points.isEmpty else { return false }
        var path = prefix
        for part in components + [name] { path += [0x2F] + part }
        return points.contains(path)
    }

    /// Undoes the kernel's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134` backslash).
    private static func unescape(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5C, index + 3 < bytes.count,
                let value = UInt8(String(decoding: bytes[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                result.append(value)
                index += 4
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}
