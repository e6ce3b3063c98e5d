import Foundation
import Glibc
import Testing

/// What staff and the IT office see when the ledger cannot be written or is damaged.
@Suite("Ledger failures through the command line", .serialized)
struct LedgerFailureTests {
    /// The crash probe built beside lixiao, which can hold the ledger's lock.
    static let probe = (Lixiao.executable as NSString).deletingLastPathComponent + "/lixiao-ledger-probe"

    @Test("a second process on a locked ledger exits 75 with a clear message and changes nothing")
    func locked() throws {
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: Self.probe)
        holder.arguments = ["hold", season.path("ledger"), "30"]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer {
            holder.terminate()
            holder.waitUntilExit()
        }
        _ = output.fileHandleForReading.availableData  // wait for "locked"
        let run = season.lixiao(["run", "--settle", "0"])
        #expect(run.status == 75)
        #expect(run.standardError.contains("in use by process \(holder.processIdentifier)"))
        #expect(season.exists("inbox/registry/registry.xlsx"))
    }

    @Test("a write that fails with EFBIG (ulimit -f) leaves the ledger as it was and the file in the inbox")
    func fileSizeLimit() throws {
        let season = Season()
        try season.drop("registry-400.xlsx", into: "registry")
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/bash")
        limited.arguments = [
            "-c", "ulimit -f 48; exec \"$0\" run --root \"$1\" --settle 0", Lixiao.executable,
            season.root.path,
        ]
        let errors = Pipe()
        limited.standardError = errors
        limited.standardOutput = Pipe()
        try limited.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationStatus == 74, "\(message)")
        #expect(message.contains("processing stopped"))
        #expect(season.exists("inbox/registry/registry-400.xlsx"))
        #expect(season.journalLines("2027-summer") <= 1)
        let verify = season.lixiao(["verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        // Without the limit the same file goes through, once.
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        #expect(season.journalLines("2027-summer") == 401)
        #expect(!season.exists("inbox/registry/registry-400.xlsx"))
    }

    @Test("verify passes on an intact ledger and names the first bad record after a byte is flipped mid-journal")
    func verifyDamage() throws {
        let season = Season()
        try season.drop("registry-400.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let intact = season.lixiao(["verify"])
        #expect(intact.status == 0)
        #expect(intact.standardOutput.contains("2027-summer: 400 records intact"))
        let journal = season.path("ledger/2027-summer/journal.tsv")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: journal)))
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        let target = lines[99] + 20  // inside record 100
        bytes[target] = bytes[target] == 0x41 ? 0x42 : 0x41
        try Data(bytes).write(to: URL(fileURLWithPath: journal))
        let damaged = season.lixiao(["verify"])
        #expect(damaged.status == 65)
        #expect((damaged.standardOutput + damaged.standardError).contains("100"))
    }

    @Test(
        "a bad pipeline file is refused with its file, line and reason",
        arguments: [
            (
                "[university]\nname = \"大学\"\nlevels = [\"本科\"]\n[[batches]]\nid = \"a\"\nname = \"A\"\ndeadline = \"soon\"\n",
                7
            ),
            (
                "[university]\nname = \"大学\"\nlevels = [\"本科\"]\n[[batches]]\nid = \"a/b\"\nname = \"A\"\ndeadline = 2027-06-30\n"
                    + "[[colleges]]\nid = \"c\"\nname = \"C\"\n[[items]]\nid = \"i\"\nname = \"I\"\n", 5
            ),
            ("[university]\nname = \"大学\"\nlevels = [\"本科\"]\nid = 012345\n", 4),
        ])
    func badPipeline(text: String, line: Int) throws {
        let season = Season()
        let file = season.root.appendingPathComponent("bad.toml")
        try Data(text.utf8).write(to: file)
        let run = season.lixiao(["init", "--pipeline", file.path])
        #expect(run.status == 78)
        #expect(run.standardError.contains("bad.toml:\(line):"), "\(run.standardError)")
    }
}
