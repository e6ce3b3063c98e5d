import Foundation
import Testing

/// `lixiao purge` as a data-protection officer checks it: a demo season's summer batch closed and purged (the
/// retention period set to 0 days in a copy of the pipeline), then every file under the root — every xlsx
/// unzipped, every other file read as bytes — searched for the batch's names and remarks; `verify` passes and the
/// statistics are what they were.
@Suite("Purging a closed batch's personal data", .serialized)
struct PurgeTests {
    static let summer = "2027届夏季毕业"

    /// A demo root played with a pipeline whose retention period is 0 days, and that pipeline's path.
    static func season() throws -> (root: String, pipeline: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-purge-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let pipeline = base.appendingPathComponent("pipeline.toml").path
        let text = try String(
            contentsOf: Lixiao.repository.appendingPathComponent("pipelines/default.toml"), encoding: .utf8)
        #expect(text.contains("\ndays = 1095\n"))
        try text.replacingOccurrences(of: "\ndays = 1095\n", with: "\ndays = 0\n").write(
            toFile: pipeline, atomically: true, encoding: .utf8)
        let root = base.appendingPathComponent("root").path
        let demo = Lixiao.run(["demo", "--root", root, "--pipeline", pipeline, "--people", "240", "--seed", "5"])
        #expect(demo.status == 0, "\(demo.standardError)")
        return (root, pipeline)
    }

    /// A batch's snapshot as rows of column → value.
    static func snapshot(_ root: String, _ batch: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: "\(root)/ledger/\(batch)/snapshot.tsv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        guard let header = lines.first?.map(String.init) else { return [] }
        return lines.dropFirst().map { Dictionary(zip(header, $0.map(String.init))) { first, _ in first } }
    }

    @Test("no name or remark of the batch is left anywhere under the root; verify passes; statistics are equal")
    func purge() throws {
        let (root, pipeline) = try Self.season()
        func lixiao(_ arguments: [String]) -> Lixiao.Run {
            Lixiao.run(Array(arguments.prefix(1)) + ["--root", root, "--pipeline", pipeline] + arguments.dropFirst())
        }
        let people = try Self.snapshot(root, "2027-summer")
        let others = try Self.snapshot(root, "2027-winter")
        let otherText = Set(others.flatMap(\.values))
        // Names and remarks of the summer batch that nobody of the winter batch shares.
        let names = Set(people.compactMap { $0["姓名"] }.filter { !$0.isEmpty && !otherText.contains($0) })
        let remarks = Set(
            people.flatMap { row in row.filter { $0.key.hasPrefix("备注:") }.map(\.value) }
                .filter { $0.count >= 4 && !otherText.contains($0) })
        #expect(names.count > 150)
        // A department names its file after a student, as staff do: the name is in the receipt's name and the
        // archive's record of the file.
        let named = try #require(people.first { names.contains($0["姓名"] ?? "") })
        let namedFile = "\(root)/inbox/departments/图书馆/\(named["姓名"] ?? "")-欠书情况说明.csv"
        try "学工号,办理状态,办理备注\n\(named["学工号"] ?? ""),3,已还清\n".write(
            toFile: namedFile, atomically: true, encoding: .utf8)
        #expect(lixiao(["run", "--settle", "0"]).status == 0)
        let statsBefore = lixiao(["stats", "--json"]).standardOutput
        let journal = "\(root)/ledger/2027-summer/journal.tsv"
        let before = try Data(contentsOf: URL(fileURLWithPath: journal))

        // Not closed: nothing to do. Closed: due at once (0 days); a dry run changes nothing.
        let open = lixiao(["purge", "2027-summer"])
        #expect(open.status == 64)
        #expect(open.standardOutput.contains("close it first"))
        #expect(lixiao(["close-batch", "2027-summer", "--before-deadline", "--reason", "已毕业"]).status == 0)
        let dry = lixiao(["purge", "--dry-run"])
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput.contains("2027-summer\t\(Self.summer)\tdue"))
        #expect(dry.standardOutput.contains("2027-winter\t2027届冬季毕业\topen"))
        #expect(dry.standardOutput.contains("dry run: nothing was changed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal)) == before)

        let purge = lixiao(["purge", "2027-summer"])
        #expect(purge.status == 0, "\(purge.standardOutput)\(purge.standardError)")
        #expect(purge.standardOutput.contains("the journal's chain is unchanged"))
        let verify = lixiao(["verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        #expect(lixiao(["stats", "--json"]).standardOutput == statsBefore)

        // Nothing brings the data back: no notice or export of the batch, and the registrar's next export (which
        // still lists the batch) leaves its people out of ledger/registry.tsv.
        let id = named["学工号"] ?? ""
        #expect(lixiao(["notice", id]).status == 66)
        let export = lixiao(["export", "--item", "图书馆", "--batch", "2027-summer", "-o", root + "/../x.xlsx"])
        #expect(!FileManager.default.fileExists(atPath: root + "/../x.xlsx"), "\(export.standardOutput)")
        let list = try String(
            contentsOfFile: "\(root)/outbox/notices/\(Self.summer)/离校通知单失效名单.txt", encoding: .utf8)
        #expect(list.contains("已清除\t"), "\(list)")

        // Every file under the root, xlsx unzipped.
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: root)
        while let relative = walker?.nextObject() as? String {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            let text = try Self.text(of: path)
            for name in names where text.contains(name) || relative.contains(name) {
                found.append("\(relative): \(name)")
            }
            for remark in remarks where text.contains(remark) { found.append("\(relative): \(remark)") }
            #expect(!relative.contains("/source."), "\(relative): a received file is still archived")
        }
        #expect(found.isEmpty, "\(found.prefix(10))")

        // What stays: every record and the chain, what statistics count by, the batch's statistics.
        let after = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(
            after.split(separator: "\n").count == String(decoding: before, as: UTF8.self).split(separator: "\n").count)
        #expect(after.contains("\"学院\":\"计算机科学与技术学院\""))
        let outbox = try FileManager.default.subpathsOfDirectory(atPath: root + "/outbox")
            .filter { $0.contains(Self.summer) && $0.hasSuffix(".xlsx") }
        #expect(!outbox.isEmpty)
        #expect(
            outbox.allSatisfy { $0.contains("办理统计") || $0.contains("离校办理统计") || $0.contains("公寓办理概况") },
            "\(outbox)")
        let summerNotices =
            (try? FileManager.default.subpathsOfDirectory(atPath: root + "/outbox/notices/" + Self.summer))
        #expect(summerNotices == ["离校通知单失效名单.txt"], "\(summerNotices ?? [])")
        // The winter batch is untouched: its people and notices are still there.
        #expect(try Self.snapshot(root, "2027-winter").contains { !($0["姓名"] ?? "").isEmpty })

        // Purged once: again is nothing to do; a purged batch is never reopened.
        let again = lixiao(["purge", "2027-summer"])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("purged at"))
        let reopen = lixiao(["close-batch", "2027-summer", "--reopen"])
        #expect(reopen.status == 64)
        #expect(reopen.standardError.contains("purged"))

        // The registrar's next export still lists the batch: its people are refused and not written back.
        let sample = people.prefix(20).filter { names.contains($0["姓名"] ?? "") }
        var csv = "学号,姓名,性别,学院,专业,班级,培养层次,离校批次\n"
        for row in sample {
            csv +=
                [
                    row["学工号"], row["姓名"], row["性别"], row["学院"], row["专业"], row["班级"], row["培养层次"], Self.summer,
                ].map { $0 ?? "" }.joined(separator: ",") + "\n"
        }
        try csv.write(toFile: root + "/inbox/registry/学籍库导出.csv", atomically: true, encoding: .utf8)
        #expect(lixiao(["run", "--settle", "0"]).status == 0)
        let reference = try String(contentsOfFile: root + "/ledger/registry.tsv", encoding: .utf8)
        #expect(!sample.contains { reference.contains($0["姓名"] ?? "-") }, "registry.tsv has them again")

        // Payloads replaced by commitments in a batch never purged are found by verify.
        try FileManager.default.removeItem(atPath: "\(root)/ledger/2027-summer/purge.tsv")
        let tampered = lixiao(["verify"])
        #expect(tampered.status == 65, "\(tampered.standardOutput)")
        #expect(tampered.standardOutput.contains("the batch was never purged"))
    }

    /// A file's text: each member of a zip (xlsx) decompressed, the text of a PDF, or the bytes as UTF-8.
    static func text(of path: String) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        if bytes.starts(with: [0x50, 0x4B]) {
            return try Tool.run("unzip", ["-p", path])
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            return try Tool.run("pdftotext", [path, "-"])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
