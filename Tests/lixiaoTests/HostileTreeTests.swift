import Foundation
import Glibc
import Testing

/// A folder outside the root with files in it, to prove nothing there is ever read, moved or deleted.
struct Decoy {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lixiao-decoy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("学工号,办理状态\r\n2023110101,3\r\n".utf8).write(to: folder.appendingPathComponent("名单.csv"))
        try Data("not a sheet".utf8).write(to: folder.appendingPathComponent("sub/notes.txt"))
        try FileManager.default.copyItem(
            at: Season.fixtures.appendingPathComponent("registry.xlsx"),
            to: folder.appendingPathComponent("学籍.xlsx"))
    }

    var path: String { folder.path }

    /// Every file under `root` with its bytes, without following links.
    static func contents(of root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return result }
        for case let relative as String in walker {
            var status = stat()
            guard lstat(root + "/" + relative, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            result[relative] = FileManager.default.contents(atPath: root + "/" + relative)
        }
        return result
    }
}

/// DESIGN.md §3: links, loops, odd names, huge cells and crashing readers inside the inbox never touch anything
/// outside it, and never keep a valid return dropped in the same round from being applied.
@Suite("A hostile inbox tree", .serialized)
struct HostileTreeTests {
    /// Plays one hostile case: `arrange` builds it in a started season, a valid 财务处 return is dropped beside
    /// it, and after one `run` the decoy and the ledger are intact and the valid return is applied.
    private func play(
        _ arrange: (Season, Decoy) throws -> Void, environment: [String: String] = [:], settle: String = "0"
    ) throws -> (Season, Lixiao.Run) {
        let season = try Season.started()
        let decoy = try Decoy()
        defer { try? FileManager.default.removeItem(at: decoy.folder) }
        let before = Decoy.contents(of: decoy.path)
        let ledgerBefore = Decoy.contents(of: season.path("ledger/2027-summer"))
        try arrange(season, decoy)
        try season.handMade(into: "departments/财务处", as: "财务处回传.xlsx", ["学工号,办理状态", "2023110102,3"])
        let run = season.lixiao(["run", "--settle", settle], environment: environment)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(Decoy.contents(of: decoy.path) == before, "a file outside the root changed")
        let ledgerAfter = Decoy.contents(of: season.path("ledger/2027-summer"))
        #expect(ledgerAfter["journal.tsv"].map { $0.starts(with: ledgerBefore["journal.tsv"] ?? Data()) } == true)
        #expect(season.lixiao(["verify"]).status == 0)
        #expect(try season.item("2023110102", "财务处")["status"] as? Int == 3, "the valid return was not applied")
        return (season, run)
    }

    static func isLink(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    private func receipts(_ season: Season, _ folder: String) -> [String] {
        season.receiptNames("outbox/\(folder)/回执")
    }

    @Test(
        "a symbolic link to a folder outside the root is never entered, at any depth",
        arguments: ["applications/x", "departments/图书馆", "departments/学院党委/计算机科学与技术学院/预览", "advisors", ""])
    func linkedFolder(at folder: String) throws {
        let (season, _) = try play { season, decoy in
            let parent = season.path("inbox/\(folder)")
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            #expect(symlink(decoy.path, parent + "/evil") == 0)
        }
        #expect(Self.isLink(season.path("inbox/\(folder)/evil")), "the link itself is left alone")
        let answered = try FileManager.default.subpathsOfDirectory(atPath: season.path("outbox")).filter {
            $0.hasSuffix("evil.回执.xlsx")
        }
        #expect(answered.count == 1, "the link was not answered once: \(answered)")
    }

    @Test("a 说明.txt someone else put in a folder is kept; lixiao's own guide (any version) and a link are replaced")
    func guideNameTaken() throws {
        let notes = "财务处工作记录：6月20日已核对欠费名单\n"
        let (season, _) = try play { season, decoy in
            try notes.write(toFile: season.path("inbox/departments/财务处/说明.txt"), atomically: true, encoding: .utf8)
            try "本文件夹：旧版说明\n".write(
                toFile: season.path("inbox/departments/图书馆/说明.txt"), atomically: true, encoding: .utf8)
            let advisors = season.path("inbox/advisors/说明.txt")
            try FileManager.default.removeItem(atPath: advisors)
            #expect(symlink(decoy.path + "/名单.csv", advisors) == 0)
            try FileManager.default.removeItem(atPath: season.path("inbox/registry/说明.txt"))
            try FileManager.default.createDirectory(
                atPath: season.path("inbox/registry/说明.txt"), withIntermediateDirectories: false)
        }
        #expect(try String(contentsOfFile: season.path("inbox/departments/财务处/说明.txt"), encoding: .utf8) == notes)
        let library = try String(contentsOfFile: season.path("inbox/departments/图书馆/说明.txt"), encoding: .utf8)
        #expect(library.hasPrefix("本文件夹：图书馆"), "\(library)")
        #expect(!Self.isLink(season.path("inbox/advisors/说明.txt")))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: season.path("inbox/registry/说明.txt"), isDirectory: &isFolder))
        #expect(isFolder.boolValue, "a folder of that name is left as it is")
    }

    @Test("a department's own inbox folder replaced by a link gets no guide or preview folder written through it")
    func departmentFolderReplacedByLink() throws {
        let (season, _) = try play { season, decoy in
            let folder = season.path("inbox/departments/图书馆")
            try FileManager.default.removeItem(atPath: folder)
            #expect(symlink(decoy.path, folder) == 0)
        }
        #expect(Self.isLink(season.path("inbox/departments/图书馆")))
        #expect(receipts(season, "departments").contains("图书馆.回执.xlsx"))
    }

    @Test("links planted in the outbox are replaced by real folders, and nothing is written through them")
    func linksInTheOutbox() throws {
        let (season, _) = try play { season, decoy in
            try season.handMade(into: "departments/图书馆", as: "回传.xlsx", ["学工号,办理状态", "2023110101,3"])
            let receipts = season.path("outbox/departments/图书馆/回执")
            try? FileManager.default.removeItem(atPath: receipts)
            #expect(symlink(decoy.path, receipts) == 0)
            let admin = season.path("outbox/admin")
            try FileManager.default.removeItem(atPath: admin)
            #expect(symlink(decoy.path, admin) == 0)
        }
        #expect(!Self.isLink(season.path("outbox/departments/图书馆/回执")))
        #expect(season.exists("outbox/departments/图书馆/回执/回传.xlsx.回执.xlsx"))
        #expect(!Self.isLink(season.path("outbox/admin")))
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: season.path("outbox/admin")).contains {
                $0.hasSuffix(".xlsx")
            })
    }

    @Test("a folder or a file bind-mounted into the inbox is refused, never read or emptied")
    func bindMounts() throws {
        let (season, _) = try play { season, decoy in
            let folder = season.path("inbox/departments/图书馆/挂载")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let file = season.path("inbox/departments/图书馆/挂载.csv")
            try Data().write(to: URL(fileURLWithPath: file))
            guard Self.mount(decoy.path, on: folder), Self.mount(decoy.path + "/名单.csv", on: file) else {
                print("bind mounts are not permitted here; the mount-point refusal is checked by unit of kind only")
                return
            }
        }
        defer {
            _ = Self.unmount(season.path("inbox/departments/图书馆/挂载"))
            _ = Self.unmount(season.path("inbox/departments/图书馆/挂载.csv"))
        }
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1, "a mounted file was applied")
    }

    /// `mount --bind source target`; false when this machine does not allow it.
    private static func mount(_ source: String, on target: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["--bind", source, target]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    private static func unmount(_ target: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [target]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("a root whose inbox or outbox is a symbolic link is refused (78) and nothing is written through it")
    func linkedRootFolders() throws {
        for folder in ["inbox", "outbox"] {
            let season = try Season.started()
            let decoy = try Decoy()
            defer { try? FileManager.default.removeItem(at: decoy.folder) }
            let before = Decoy.contents(of: decoy.path)
            try FileManager.default.removeItem(atPath: season.path(folder))
            #expect(symlink(decoy.path, season.path(folder)) == 0)
            let run = season.lixiao(["run", "--settle", "0"])
            #expect(run.status == 78, "\(folder): \(run.standardError)")
            #expect(run.standardError.contains("symbolic link"))
            #expect(Decoy.contents(of: decoy.path) == before, "\(folder): a file outside the root changed")
        }
    }

    @Test("two names that read alike once made safe keep two receipts")
    func receiptNamesCollide() throws {
        let (season, _) = try play { season, _ in
            try season.handMade(into: "departments/图书馆", as: "g-literal.xlsx", ["学工号,办理状态", "2023110101,3"])
            try season.handMade(into: "departments/图书馆", as: "g-raw.xlsx", ["学工号,办理状态", "2023110199,3"])
            let folder = season.path("inbox/departments/图书馆")
            #expect(rename(folder + "/g-literal.xlsx", folder + "/g\\xff.xlsx") == 0)
            let raw = Array(folder.utf8) + Array("/g".utf8) + [0xFF] + Array(".xlsx".utf8) + [0]
            let renamed = raw.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { rename(folder + "/g-raw.xlsx", $0.baseAddress!) }
            }
            #expect(renamed == 0)
        }
        #expect(receipts(season, "departments/图书馆").count == 2, "\(receipts(season, "departments/图书馆"))")
    }

    @Test("a file whose modification time lies in the future is taken once it stops changing")
    func futureTime() throws {
        let (season, _) = try play(
            { season, _ in
                try season.handMade(into: "departments/图书馆", as: "未来.xlsx", ["学工号,办理状态", "2023110101,3"])
                let tomorrow = Date().addingTimeInterval(86_400)
                try FileManager.default.setAttributes(
                    [.modificationDate: tomorrow], ofItemAtPath: season.path("inbox/departments/图书馆/未来.xlsx"))
            }, settle: "1")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3)
        #expect(!season.exists("inbox/departments/图书馆/未来.xlsx"))
    }

    @Test("an advisor folder linked to the ledger deletes nothing there")
    func advisorLinkedToLedger() throws {
        let (season, _) = try play { season, _ in
            #expect(symlink(season.path("ledger/2027-summer"), season.path("inbox/advisors/T999")) == 0)
        }
        #expect(season.exists("ledger/2027-summer/journal.tsv"))
        #expect(receipts(season, "advisors").contains("T999.回执.xlsx"))
        // A second round answers nothing again.
        let again = season.lixiao(["run", "--settle", "0"])
        #expect(!again.standardOutput.contains("T999"), "\(again.standardOutput)")
    }

    @Test("a link to / inside a department folder, and a link to a file outside, are refused unread")
    func linksToRootAndFile() throws {
        let (season, _) = try play { season, decoy in
            #expect(symlink("/", season.path("inbox/departments/图书馆/everything")) == 0)
            #expect(symlink(decoy.path + "/名单.csv", season.path("inbox/departments/图书馆/名单.csv")) == 0)
        }
        let answered = receipts(season, "departments/图书馆")
        #expect(answered.contains("everything.回执.xlsx"))
        #expect(answered.contains("名单.csv.回执.xlsx"))
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/名单.csv.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("符号链接") == true)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
    }

    @Test("folders linked to themselves are not a loop")
    func selfLoops() throws {
        let (season, _) = try play { season, _ in
            #expect(symlink(".", season.path("inbox/advisors/A1")) == 0)
            #expect(symlink(".", season.path("inbox/advisors/A2")) == 0)
            #expect(symlink("..", season.path("inbox/departments/图书馆/up")) == 0)
        }
        #expect(Self.isLink(season.path("inbox/advisors/A1")))
    }

    @Test("a FIFO in the inbox is refused without blocking the round")
    func fifo() throws {
        let (season, _) = try play { season, _ in
            #expect(mkfifo(season.path("inbox/departments/图书馆/管道.xlsx"), 0o644) == 0)
        }
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/管道.xlsx.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("不是普通文件") == true)
    }

    @Test(
        "names with a newline, a tab, GBK bytes or 80 Chinese characters get a receipt under a safe name",
        arguments: ["回\n传.xlsx", "回\t传.xlsx", "GBK", String(repeating: "图书馆回传", count: 16) + ".xlsx"])
    func oddNames(name: String) throws {
        let (season, _) = try play { season, _ in
            try season.handMade(into: "departments/图书馆", as: "plain.xlsx", ["学工号,办理状态", "2023110101,3"])
            let folder = season.path("inbox/departments/图书馆")
            var raw = Array(name.utf8)
            // 回传 in GBK, as an old Windows client writes it.
            if name == "GBK" { raw = [0xBB, 0xD8, 0xB4, 0xAB, 0x2E, 0x78, 0x6C, 0x73, 0x78] }
            let target = Array(folder.utf8) + [0x2F] + raw + [0]
            let renamed = target.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { rename(folder + "/plain.xlsx", $0.baseAddress!) }
            }
            #expect(renamed == 0)
        }
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 3, "the odd name's file was not applied")
        let answered = receipts(season, "departments/图书馆")
        #expect(answered.count == 1)
        for receipt in answered {
            #expect(receipt.utf8.count <= 255)
            #expect(!receipt.contains("\n") && !receipt.contains("\t"))
        }
        if name == "GBK" { #expect(answered.first?.hasPrefix("回传.xlsx") == true, "\(answered)") }
        let remaining = try FileManager.default.contentsOfDirectory(atPath: season.path("inbox/departments/图书馆"))
        #expect(remaining.filter { !$0.hasSuffix(".txt") && $0 != "预览" }.isEmpty, "\(remaining)")
    }

    @Test("a file in a folder whose name is GBK bytes is answered, never left unseen")
    func gbkFolder() throws {
        let (season, _) = try play { season, _ in
            try season.handMade(into: "departments/图书馆", as: "表.xlsx", ["学工号,办理状态", "2023110101,3"])
            // 回传 in GBK, a folder an old Windows client made.
            let folder = Array(season.path("inbox/departments/图书馆").utf8) + [0x2F, 0xBB, 0xD8, 0xB4, 0xAB]
            let made = (folder + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { mkdir($0.baseAddress!, 0o755) }
            }
            #expect(made == 0)
            let target = folder + Array("/表.xlsx".utf8) + [0]
            let moved = target.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    rename(season.path("inbox/departments/图书馆/表.xlsx"), $0.baseAddress!)
                }
            }
            #expect(moved == 0)
        }
        let answered = try FileManager.default.subpathsOfDirectory(atPath: season.path("outbox")).filter {
            $0.hasSuffix("表.xlsx.回执.xlsx")
        }
        #expect(answered.count == 1, "\(answered)")
        #expect(answered.first?.contains("回传") == true)
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
    }

    @Test("a 32,767-character status, a 600-character remark and a 40-character ID are row errors")
    func fieldLimits() throws {
        let long = String(repeating: "三", count: 32_767)
        let remark = String(repeating: "备", count: 600)
        let (season, _) = try play { season, _ in
            try season.handMade(
                into: "departments/图书馆", as: "limits.xlsx",
                [
                    "学工号,办理状态,办理备注", "2023110101,\(long),", "2023110199,3,\(remark)",
                    "\(String(repeating: "1", count: 40)),3,",
                ])
        }
        let rows = try season.receiptRows("outbox/departments/图书馆/回执/limits.xlsx.回执.xlsx")
        let errors = rows.filter { $0.count > 3 && $0[3] == "错误" }
        #expect(errors.count == 3, "\(rows.map { $0.prefix(5) })")
        #expect(errors.contains { $0.joined().contains("超过 500 个字符的上限") })
        #expect(errors.contains { $0.joined().contains("超过 32 个字符的上限") })
        #expect(rows.allSatisfy { $0.allSatisfy { $0.count < 1_000 } }, "a quoted cell was not shortened")
        #expect(try season.item("2023110199", "图书馆")["status"] as? Int == 1)
    }

    @Test(
        "a 40 MB CSV cell refuses its file, naming the cell, and nothing else",
        .disabled(
            if: Sanitizer.isActive, "a sanitizer lifts the reader's address-space limit and slows it past its CPU limit"
        ))
    func hugeCSVCell() throws {
        let (season, _) = try play { season, _ in
            var text = "学工号,办理状态,办理备注\r\n2023110101,3,"
            text += String(repeating: "x", count: 40 << 20)
            text += "\r\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: season.path("inbox/departments/图书馆/巨大.csv")))
        }
        let summary = try season.receiptSummary("outbox/departments/图书馆/回执/巨大.csv.回执.xlsx")
        #expect(summary["拒收原因"]?.contains("C2") == true, "\(summary)")
        #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
    }

    @Test("a roster name of 90 characters is a row error, and a notice name stays a valid file name")
    func longNames() throws {
        let (season, _) = try play { season, _ in
            try season.handMade(
                into: "colleges/计算机科学与技术学院/roster", as: "roster.xlsx",
                ["学工号,姓名,培养层次,离校批次", "J2027900,\(String(repeating: "名", count: 90)),本科,2027届夏季毕业"])
        }
        let rows = try season.receiptRows(
            "outbox/colleges/计算机科学与技术学院/回执/离校人员导入/roster.xlsx.回执.xlsx")
        #expect(rows.contains { $0.joined().contains("超过 64 个字符的上限") })
    }

    @Test(
        "a reader that runs out of memory or time is contained: the file is refused, the round goes on",
        .disabled(
            if: Sanitizer.isActive, "a sanitizer lifts the reader's address-space limit and slows it past its CPU limit"
        ))
    func readerContained() throws {
        // 150,000 rows need more than 160 MiB of address space to read, and 600,000 rows far more than 1.5 s (a
        // quarter of them once read in 1.4 s on an idle machine); the small return beside them needs neither, so
        // only the big file's reader is killed.
        func big(_ rows: Int) -> Data {
            var text = "学工号,办理状态,办理备注\n"
            for index in 0..<rows { text += "\(2_023_110_101 + index),3,备注第\(index)行\n" }
            return Data(text.utf8)
        }
        for (variable, value, rows) in [
            ("LIXIAO_READER_MEMORY_MB", "160", 150_000), ("LIXIAO_READER_WALL_SECONDS", "1.5", 600_000),
        ] {
            let file = big(rows)
            let (season, run) = try play(
                { season, _ in
                    try file.write(to: URL(fileURLWithPath: season.path("inbox/departments/图书馆/大表.csv")))
                },
                environment: [variable: value])
            let summary = try season.receiptSummary("outbox/departments/图书馆/回执/大表.csv.回执.xlsx")
            #expect(summary["拒收原因"]?.contains("文件无法读取") == true, "\(variable): \(summary) \(run.standardOutput)")
            #expect(!season.exists("inbox/departments/图书馆/大表.csv"))
            #expect(try season.item("2023110101", "图书馆")["status"] as? Int == 1)
        }
    }
}

/// Whether these tests (and the lixiao they start) run under AddressSanitizer or ThreadSanitizer
/// (`make test-asan`, `make test-tsan`), where the isolated reader's resource limits do not mean what they test.
enum Sanitizer {
    static let isActive: Bool = {
        let handle = dlopen(nil, RTLD_NOW)
        return dlsym(handle, "__asan_init") != nil || dlsym(handle, "__tsan_init") != nil
    }()
}
