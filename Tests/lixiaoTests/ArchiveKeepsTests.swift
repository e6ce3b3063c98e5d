import Foundation
import Testing

/// DESIGN.md §5: the archive keeps only what the ledger needs. A registry export's columns lixiao does not take in
/// (身份证号, 联系电话) are, as its receipt promises, "已忽略（不会保存或转发）": nowhere under the root once the file
/// is answered.
@Suite("The archive keeps only what the ledger needs", .serialized)
struct ArchiveKeepsTests {
    /// The registry fixture's 身份证号 and 联系电话 values (Tests/PipelineTests/Fixtures/make_fixtures.py).
    static let ignoredValues = ["110101200501011234", "13800000001", "110101200502021234", "13800000002"]

    @Test("a registry export's ID numbers and phone numbers are in no file under the root once it is answered")
    func ignoredColumnsAreNotKept() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        let summary = try season.receiptSummary("outbox/admin/回执/registry.xlsx.回执.xlsx")
        #expect(summary["说明"]?.contains("以下列未识别，已忽略（不会保存或转发）：身份证号、联系电话") == true)

        let found = Self.filesHolding(Self.ignoredValues, under: season.root.path)
        #expect(found.isEmpty, "still kept: \(found)")

        // What stays of the file: its hash (the folder's name), processed.tsv and the receipt's copy.
        let folder = try Self.archiveFolders(season).first ?? ""
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.count == 2, "\(names)")
        #expect(names.contains("processed.tsv"))
        #expect(names.contains { $0.hasSuffix("registry.xlsx.回执.xlsx") })
        #expect(!names.contains { $0.hasPrefix("source") })
        let sha = (folder as NSString).lastPathComponent
        let dropped = try Data(contentsOf: Season.fixtures.appendingPathComponent("registry.xlsx"))
        #expect(sha == Self.sha256(dropped), "the folder's name proves which bytes were received")

        // The same bytes dropped again are still known as processed before.
        try season.drop("registry.xlsx", into: "registry", as: "again.xlsx")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let again = try season.receiptSummary("outbox/admin/回执/again.xlsx.回执.xlsx")
        #expect(again["处理结果"]?.contains("内容完全相同") == true, "\(again)")
        #expect(Self.filesHolding(Self.ignoredValues, under: season.root.path).isEmpty)
    }

    @Test("a copy an earlier version kept of a file answered long ago is removed once, by the next round")
    func earlierCopiesAreReleased() throws {
        let season = try Season.started()
        // An archive as an earlier version left it: the copy kept, no marker.
        let folder = try Self.archiveFolders(season).first ?? ""
        let archive = season.path("ledger/archive")
        try FileManager.default.copyItem(
            at: Season.fixtures.appendingPathComponent("registry.xlsx"),
            to: URL(fileURLWithPath: folder + "/source.xlsx"))
        try FileManager.default.removeItem(atPath: archive + "/.answered-copies-released")
        #expect(!Self.filesHolding(Self.ignoredValues, under: season.root.path).isEmpty)

        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("removed the archived copies of 1 files"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/source.xlsx"))
        #expect(FileManager.default.fileExists(atPath: archive + "/.answered-copies-released"))
        #expect(Self.filesHolding(Self.ignoredValues, under: season.root.path).isEmpty)
        #expect(season.lixiao(["verify"]).status == 0)
    }

    @Test("a file whose processing was interrupted keeps its copy, and its next receipt says so")
    func interruptedCopyStays() throws {
        let season = try Season.started()
        // An interrupted round: a copy archived, its changes possibly journalled, no line in processed.tsv yet.
        try season.drop("registry-update.xlsx", into: "registry")
        let update = try Data(contentsOf: Season.fixtures.appendingPathComponent("registry-update.xlsx"))
        let sha = Self.sha256(update)
        let folder = season.path("ledger/archive/\(sha.prefix(2))/\(sha)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try update.write(to: URL(fileURLWithPath: folder + "/source.xlsx"))
        try FileManager.default.removeItem(atPath: season.path("ledger/archive/.answered-copies-released"))
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(!run.standardError.contains("removed the archived copies"), "\(run.standardError)")
        let summary = try season.receiptSummary("outbox/admin/回执/registry-update.xlsx.回执.xlsx")
        #expect(summary["说明"]?.contains("本文件上次处理时中断") == true, "\(summary)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/source.xlsx"), "released once answered")
    }

    // MARK: - helpers

    static func archiveFolders(_ season: Season) throws -> [String] {
        let archive = season.path("ledger/archive")
        var folders: [String] = []
        for shard in try FileManager.default.contentsOfDirectory(atPath: archive).sorted() where shard.count == 2 {
            for name in try FileManager.default.contentsOfDirectory(atPath: archive + "/" + shard).sorted() {
                folders.append(archive + "/" + shard + "/" + name)
            }
        }
        return folders
    }

    /// Every file under `root` whose bytes — or, for a zip (xlsx), whose unzipped parts — hold one of `values`.
    static func filesHolding(_ values: [String], under root: String) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                var bytes = FileManager.default.contents(atPath: path)
            else { continue }
            if bytes.starts(with: [0x50, 0x4B]) { bytes += unzipped(path) }
            let text = String(decoding: bytes, as: UTF8.self)
            if values.contains(where: text.contains) { found.append(relative) }
        }
        return found
    }

    static func unzipped(_ path: String) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return Data() }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func sha256(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
