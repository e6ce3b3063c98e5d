import Foundation
import Testing

/// `lixiao demo --clock`: a season played at a fixed clock is the same season every time, cell for cell, given
/// the same seed and keys; a clock that is not an instant is refused before anything is made.
@Suite("A demo season at a fixed clock", .serialized)
struct DemoClockTests {
    static func play(_ root: URL, key: String) -> Lixiao.Run {
        try? FileManager.default.createDirectory(
            at: root.appendingPathComponent("ledger"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: root.appendingPathComponent("ledger/secret.key").path, contents: Data(key.utf8),
            attributes: [.posixPermissions: 0o600])
        // The notice-signing key too: the printed notices' fingerprints name the key they are signed with.
        _ = FileManager.default.createFile(
            atPath: root.appendingPathComponent("ledger/notice-signing.key").path,
            contents: Data((String(repeating: "7e", count: 32) + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return Lixiao.run(
            ["demo", "--root", root.path, "--people", "80", "--seed", "11", "--clock", "2027-06-01T09:00:00+08:00"],
            environment: ["TZ": "Asia/Shanghai"])
    }

    /// Each output's path and fingerprint, and each journal's lines up to what the record keeps: each record's
    /// salt is random (it protects a purged payload), so its seal, and with it the hashes and the outputs
    /// record's round key, differ from run to run by design.
    static func record(_ root: URL) throws -> [String] {
        let ledger = root.appendingPathComponent("ledger")
        var lines = try String(contentsOf: ledger.appendingPathComponent("outputs.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#round") }
            .map { $0.split(separator: "\t").prefix(4).joined(separator: "\t") }
        for batch in ["2027-summer", "2027-winter"] {
            let journal = ledger.appendingPathComponent("\(batch)/journal.tsv")
            lines += try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").map {
                $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(13).joined(separator: "\t")
            }
        }
        return lines
    }

    @Test("the same seed, clock and keys give the same ledger and the same outbox fingerprints")
    func reproducible() throws {
        let key = String(repeating: "3c", count: 32) + "\n"
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-demo-clock-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: base) }
        let first = Self.play(base.appendingPathComponent("a"), key: key)
        let second = Self.play(base.appendingPathComponent("b"), key: key)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(second.status == 0, "\(second.standardError)")
        let one = try Self.record(base.appendingPathComponent("a"))
        #expect(one.count > 100)
        #expect(one == (try Self.record(base.appendingPathComponent("b"))))
        let verify = Lixiao.run(["verify", "--root", base.appendingPathComponent("b").path])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        // The rounds are three days apart: the journal holds the first and the last round's days.
        #expect(one.contains { $0.contains("\t2027-06-01T01:00:00.000+00:00\t") })
        #expect(one.contains { $0.contains("\t2027-06-10T01:00:00.000+00:00\t") })
    }

    @Test("a clock that is not an ISO 8601 instant is refused and nothing is made")
    func refused() {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-demo-clock-\(UUID().uuidString.prefix(8))")
        let run = Lixiao.run(["demo", "--root", root.path, "--clock", "yesterday"])
        #expect(run.status == 64)
        #expect(run.standardError.contains("--clock yesterday is not an ISO 8601 instant"), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }

    @Test("demo --registry-only lays out the root and drops the generated registry export, processing nothing")
    func registryOnly() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lixiao-demo-registry-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let demo = Lixiao.run(["demo", "--root", root.path, "--people", "60", "--seed", "7", "--registry-only"])
        #expect(demo.status == 0, "\(demo.standardError)")
        let registry = root.appendingPathComponent("inbox/registry/学籍库导出.xlsx").path
        #expect(FileManager.default.fileExists(atPath: registry))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("ledger/2027-summer").path))
        // `lixiao run` then takes it in, as a benchmark of intake does.
        let run = Lixiao.run(["run", "--root", root.path, "--settle", "0"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("registry/学籍库导出.xlsx"), "\(run.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: registry))
    }
}
