import Foundation
import Testing

/// The printed departure notice as an office meets it: a one-page PDF whose QR code, read from the rendered page
/// by a real scanner (zbarimg on a pdftoppm picture), verifies with the published public key alone; an edited
/// statement, another installation's key or an edited list of superseded notices is reported as forged; a notice
/// whose person changed is reported as superseded, by the ledger and by the signed list.
@Suite("Signed departure notices", .serialized)
struct SignedNoticeTests {
    static let summer = "2027届夏季毕业"
    static let folder = "outbox/notices/\(summer)/计算机科学与技术学院/"
    static let publicKey = "outbox/notices/离校通知单公钥.pem"
    static let revocations = "outbox/notices/\(summer)/离校通知单失效名单.txt"

    /// A season where 孙强 applied (so the outbox keeps his notice).
    static func applied() throws -> Season {
        let season = try Season.started()
        try season.handMade(
            into: "applications", as: "申请.xlsx", ["学号,姓名,离校批次", "2024110001,孙强,2027届夏季毕业"])
        let run = season.run()
        precondition(run.status == 0, run.standardError)
        return season
    }

    @Test("a notice is one A4 page under 200 KB, fonts embedded and subset, text extractable, QR readable")
    func printedPage() throws {
        let season = try Self.applied()
        let pdf = season.path(Self.folder + "离校通知单-2024110001-孙强.pdf")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int)
        #expect(size < 200_000, "the notice is \(size) bytes")
        let info = try Tool.run("pdfinfo", [pdf])
        #expect(info.contains("Pages:           1"))
        #expect(info.contains("Page size:       595.276 x 841.89 pts (A4)"), "\(info)")
        let fonts = try Tool.run("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        // Every font embedded (emb), subset (sub) and with a Unicode map (uni).
        #expect(fonts.allSatisfy { $0.contains("yes yes yes") }, "\(fonts)")
        let text = try Tool.run("pdftotext", ["-layout", pdf, "-"])
        for expected in ["示例大学 离校通知单", "2024110001", "孙强", "图书馆", "未办理", "发证资格", "签名公钥指纹"] {
            #expect(text.contains(expected), "\(expected) is not extractable from the page")
        }
        let mode = try #require(
            try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0, "the notice is world-accessible")
        let key = try #require(
            try FileManager.default.attributesOfItem(atPath: season.path("ledger/notice-signing.key"))[
                .posixPermissions] as? Int)
        #expect(key == 0o600)
        let scanned = try Self.scan(pdf)
        #expect(scanned.hasPrefix("LX1:"))
        // What the page shows is what its QR code states, signed.
        let check = season.lixiao(["check-notice", scanned, "--public-key", season.path(Self.publicKey)])
        #expect(check.status == 0, "\(check.standardOutput)\(check.standardError)")
        #expect(check.standardOutput.contains("genuine"))
        #expect(check.standardOutput.contains("person: 2024110001 孙强"))
        #expect(check.standardOutput.contains("图书馆: 1 未办理"))
        #expect(check.standardOutput.contains("eligible for the two certificates: no"))
        // From the PDF file itself, offline, the same statement.
        let fromFile = season.lixiao(["check-notice", pdf, "--public-key", season.path(Self.publicKey)])
        #expect(fromFile.status == 0, "\(fromFile.standardError)")
        #expect(fromFile.standardOutput == check.standardOutput)
        // `public-key` prints the published key; openssl reads it as an Ed25519 key.
        let printed = season.lixiao(["public-key"])
        #expect(printed.standardOutput == (try String(contentsOfFile: season.path(Self.publicKey), encoding: .utf8)))
        let openssl = try Tool.run(
            "openssl", ["pkey", "-pubin", "-in", season.path(Self.publicKey), "-noout", "-text"])
        #expect(openssl.contains("ED25519 Public-Key"))
    }

    @Test("an edited statement, a retyped code and another installation's key are reported as forged")
    func forgeries() throws {
        let season = try Self.applied()
        let scanned = try Self.scan(season.path(Self.folder + "离校通知单-2024110001-孙强.pdf"))
        let key = season.path(Self.publicKey)
        // The statement edited to claim the library is done, re-encoded with the original signature.
        var bytes = try #require(Base45.decode(String(scanned.dropFirst(4))))
        let statement = Array(bytes.dropLast(64))
        let claim = try #require(String(validating: statement, as: UTF8.self)).replacingOccurrences(
            of: "library=1", with: "library=3")
        #expect(claim != String(decoding: statement, as: UTF8.self))
        bytes = Array(claim.utf8) + bytes.suffix(64)
        let edited = season.lixiao(["check-notice", "LX1:" + Base45.encode(bytes), "--public-key", key])
        #expect(edited.status == 65)
        #expect(edited.standardError.contains("FORGED"), "\(edited.standardError)")
        // One character of the code changed.
        var characters = Array(scanned)
        characters[40] = characters[40] == "A" ? "B" : "A"
        let retyped = season.lixiao(["check-notice", String(characters), "--public-key", key])
        #expect(retyped.status == 65)
        #expect(retyped.standardError.contains("FORGED"))
        // Another installation's key.
        let other = try Season.started()
        let foreign = season.lixiao(["check-notice", scanned, "--public-key", other.path(Self.publicKey)])
        #expect(foreign.status == 65)
        #expect(foreign.standardError.contains("does not verify"))
        // A list of superseded notices edited by hand.
        let list = try String(contentsOfFile: season.path(Self.revocations), encoding: .utf8)
        let tampered = season.path("tampered.txt")
        try list.replacingOccurrences(of: "2024110001\t", with: "2024110001\t9").write(
            toFile: tampered, atomically: true, encoding: .utf8)
        let forgedList = season.lixiao([
            "check-notice", scanned, "--public-key", key, "--revocations", tampered,
        ])
        #expect(forgedList.status == 65)
        #expect(forgedList.standardError.contains("FORGED"))
    }

    @Test("a change to the person supersedes the printed notice: the ledger names the change, the signed list too")
    func superseded() throws {
        let season = try Self.applied()
        let pdf = Self.noticePage(season)
        let old = try Self.scan(pdf)
        let current = season.lixiao(["check-notice", old])
        #expect(current.status == 0, "\(current.standardOutput)\(current.standardError)")
        #expect(current.standardOutput.contains("current: nothing it states has changed"))

        // A remark with markup and an emoji no installed font has: printed as typed, never interpreted.
        try season.handMade(
            into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态,办理备注", "2024110001,3,已还 <b>2</b> 本书👍"])
        #expect(season.run().status == 0)
        let printed = try Tool.run("pdftotext", [pdf, "-"])
        #expect(printed.contains("已还 <b>2</b> 本书"), "\(printed)")
        let withLedger = season.lixiao(["check-notice", old])
        #expect(withLedger.status == 2, "\(withLedger.standardOutput)\(withLedger.standardError)")
        #expect(withLedger.standardOutput.contains("superseded: a newer notice was signed at ledger position"))
        #expect(withLedger.standardOutput.contains("图书馆 改为 3 已办理 (from departments/图书馆)"))
        let offline = Self.checkOffline(season, old)
        #expect(offline.status == 2, "\(offline.standardOutput)")
        #expect(offline.standardOutput.contains("superseded (list as of ledger position"))

        // The notice printed now states the change and is current, by both.
        let new = try Self.scan(pdf)
        #expect(new != old)
        let now = season.lixiao(["check-notice", new])
        #expect(now.status == 0, "\(now.standardOutput)")
        #expect(now.standardOutput.contains("图书馆: 3 已办理"))
        let listed = Self.checkOffline(season, new)
        #expect(listed.status == 0)
        #expect(listed.standardOutput.contains("not listed as superseded"))
    }

    @Test("a stray /Keywords after the PDF's end is not read; an older list cannot judge a newer notice")
    func hostileInputs() throws {
        let season = try Self.applied()
        let pdf = Self.noticePage(season)
        let key = season.path(Self.publicKey)
        // Someone else's statement appended as a comment: the document's own information is what is read.
        let hybrid = season.path("hybrid.pdf")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        bytes.append(Data("% /Keywords (LX1:0000)\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: hybrid))
        let checked = season.lixiao(["check-notice", hybrid, "--public-key", key])
        #expect(checked.status == 0, "\(checked.standardError)")
        #expect(checked.standardOutput.contains("person: 2024110001 孙强"))
        // A file that holds no notice is 65, one that cannot be read 66.
        #expect(season.lixiao(["check-notice", key, "--public-key", key]).status == 65)
        #expect(season.lixiao(["check-notice", season.path("nothing-here.pdf"), "--public-key", key]).status == 66)

        // The list kept from before a change cannot judge a notice signed after it.
        let oldList = season.path("old-list.txt")
        try FileManager.default.copyItem(atPath: season.path(Self.revocations), toPath: oldList)
        try season.handMade(into: "departments/图书馆", as: "还书.xlsx", ["学工号,办理状态", "2024110001,3"])
        #expect(season.run().status == 0)
        let newer = try Self.scan(pdf)
        let stale = season.lixiao(["check-notice", newer, "--public-key", key, "--revocations", oldList])
        #expect(stale.status == 3, "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("cannot tell"))
    }

    @Test("a notice written elsewhere with -o is signed, kept current and covered by the list")
    func adHocNotice() throws {
        let season = try Self.applied()
        let target = season.path("desk/孙强.xlsx")
        try FileManager.default.createDirectory(
            atPath: season.path("desk"), withIntermediateDirectories: true)
        let written = season.lixiao(["notice", "2023110101", "-o", target])
        #expect(written.status == 0, "\(written.standardError)")
        let page = season.path("desk/孙强.pdf")
        #expect(written.standardOutput.contains("wrote \(page)"))
        let old = try Self.scan(page)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: page)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
        try season.handMade(into: "departments/财务处", as: "缴费.xlsx", ["学工号,办理状态,办理备注", "2023110101,1,欠费"])
        #expect(season.run().status == 0)
        let listed = Self.checkOffline(season, old)
        #expect(listed.status == 2, "\(listed.standardOutput)")
        #expect(listed.standardOutput.contains("superseded (list as of"))
    }

    /// 孙强's printed notice in the outbox.
    static func noticePage(_ season: Season) -> String {
        season.path(folder + "离校通知单-2024110001-孙强.pdf")
    }

    /// `check-notice` as an office without the ledger runs it: the published key and the batch's list.
    static func checkOffline(_ season: Season, _ notice: String) -> Lixiao.Run {
        season.lixiao([
            "check-notice", notice, "--public-key", season.path(publicKey), "--revocations", season.path(revocations),
        ])
    }

    /// The QR text of a PDF's page as a scanner reads it: rendered by pdftoppm at 150 dpi, decoded by zbarimg.
    static func scan(_ pdf: String) throws -> String {
        let picture = NSTemporaryDirectory() + "lixiao-scan-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: picture + "-1.png") }
        try Tool.run("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", pdf, picture])
        let text = try Tool.run("zbarimg", ["--quiet", "--raw", picture + "-1.png"])
        return text.trimmingCharacters(in: .newlines)
    }
}

/// Runs a program found on PATH; throws with its error output when it fails.
enum Tool {
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let failure = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SeasonError("\(program) \(arguments.joined(separator: " ")): \(failure)")
        }
        return text
    }
}

/// Base 45 (RFC 9285), written here from the RFC so that the test does not trust lixiao's own codec.
enum Base45 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        for start in stride(from: 0, to: bytes.count, by: 2) {
            if start + 1 < bytes.count {
                let value = Int(bytes[start]) << 8 | Int(bytes[start + 1])
                out += [alphabet[value % 45], alphabet[value / 45 % 45], alphabet[value / 2025]].map(String.init)
                    .joined()
            } else {
                let value = Int(bytes[start])
                out += String(alphabet[value % 45]) + String(alphabet[value / 45])
            }
        }
        return out
    }

    static func decode(_ text: String) -> [UInt8]? {
        let values = text.compactMap { alphabet.firstIndex(of: $0) }
        guard values.count == text.count else { return nil }
        var out: [UInt8] = []
        for start in stride(from: 0, to: values.count, by: 3) {
            let chunk = values[start..<min(start + 3, values.count)]
            let value = chunk.enumerated().reduce(0) { $0 + $1.element * [1, 45, 2025][$1.offset] }
            if chunk.count == 3 {
                out += [UInt8(value >> 8), UInt8(value & 0xFF)]
            } else {
                out.append(UInt8(value))
            }
        }
        return out
    }
}
