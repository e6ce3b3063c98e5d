import Foundation
import Testing

/// A mistyped `--root` never becomes a new, empty installation: every command but `init`, `demo`, `inspect` and
/// `service-unit` refuses a root `lixiao init` has not laid out (exit 78), and creates nothing there.
struct RootLayoutTests {
    static let commands: [[String]] = [
        ["run", "--settle", "0"], ["watch"], ["show", "2023110101"], ["history", "2023110101"],
        ["stats"], ["verify"], ["status"], ["notice", "2023110101"],
        ["export", "--item", "library", "--output", "x.xlsx"], ["share-setup"],
    ]

    /// Every file and folder under `path`, relative to it (empty when it does not exist).
    static func tree(_ path: String) -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test("a root that does not exist, or an empty folder, is refused by every command and stays as it was")
    func refused() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-root-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: base) }
        let empty = base.appendingPathComponent("空的 folder").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let missing = base.appendingPathComponent("typo").path
        for root in [missing, empty] {
            for command in Self.commands {
                let run = Lixiao.run(Array(command.prefix(1)) + ["--root", root] + command.dropFirst())
                #expect(run.status == 78, "\(command): \(run.standardError)")
                #expect(run.standardError.contains("is not a lixiao root"), "\(command): \(run.standardError)")
                #expect(run.standardError.contains("lixiao init --root"), "\(command): \(run.standardError)")
                #expect(!FileManager.default.fileExists(atPath: missing), "\(command) created \(missing)")
                #expect(Self.tree(empty).isEmpty, "\(command) created \(Self.tree(empty)) in an empty folder")
            }
        }
    }

    @Test("init lays the root out, writes the blank templates and says what to do next")
    func initSaysWhatNext() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-init-\(UUID().uuidString.prefix(8))"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = Lixiao.run(["init", "--root", root])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Next:"))
        #expect(run.standardOutput.contains("\(root)/inbox/registry/"))
        #expect(run.standardOutput.contains("lixiao run --root \(root)"))
        let templates = Self.tree(root + "/outbox/templates")
        #expect(templates.contains("部门回传模板.xlsx"), "\(templates)")
        #expect(templates.contains("离校人员导入模板.xlsx"), "\(templates)")
        // Nobody departs yet: no empty statistics or exports.
        #expect(!Self.tree(root + "/outbox").contains { $0.hasSuffix(".xlsx") && !$0.hasPrefix("templates/") })
        let status = Lixiao.run(["verify", "--root", root])
        #expect(status.status == 0, "\(status.standardError)")
    }

    @Test("run prints one English line per file; the Chinese reasons stay in the receipts")
    func runSpeaksEnglish() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        try Data("x".utf8).write(to: URL(fileURLWithPath: season.path("inbox/departments/图书馆/坏.xlsx")))
        let run = season.run()
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("registry/registry.xlsx: 5 added, 3 errors (not applied), 1 not departing"))
        #expect(run.standardOutput.contains("departments/图书馆/坏.xlsx: refused whole, nothing applied"))
        let lines = run.standardOutput.split(separator: "\n").map { $0.drop { $0 != ":" } }
        // After the file name, nothing in Chinese.
        #expect(!lines.contains { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }, "\(lines)")
    }
}
