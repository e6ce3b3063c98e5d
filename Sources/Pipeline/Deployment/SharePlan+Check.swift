import Foundation

extension SharePlan {
    /// One folder whose permissions differ from the plan.
    public struct Drift: Sendable, CustomStringConvertible {
        public var path: String
        public var missing: [String]
        public var unexpected: [String]

        public var description: String {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected \(unexpected.joined(separator: ", "))") }
            return "\(path): \(parts.joined(separator: "; "))"
        }
    }

    /// The planned folders whose ACL (as `getfacl` reads it) differs from the plan, or that do not exist.
    public func check() -> [Drift] {
        var drifts: [Drift] = []
        for folder in folders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue
            else {
                drifts.append(Drift(path: folder.path, missing: ["the folder"], unexpected: []))
                continue
            }
            let actual = Set(Self.acl(of: folder.path))
            let expected = Set(entries(folder))
            if actual != expected {
                drifts.append(
                    Drift(
                        path: folder.path, missing: expected.subtracting(actual).sorted(),
                        unexpected: actual.subtracting(expected).sorted()))
            }
        }
        return drifts
    }

    /// The ACL entries of `path` in `getfacl` spelling, without comments and effective rights.
    ///
    /// Runs `getfacl --absolute-names --omit-header --no-effective`.
    static func acl(of path: String) -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/getfacl")
        process.arguments = ["--absolute-names", "--omit-header", "--no-effective", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return ["(getfacl could not run: apt-get install acl)"] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
