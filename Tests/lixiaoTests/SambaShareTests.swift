import Foundation
import Glibc
import Testing

/// A private Samba server on 127.0.0.1:1445 over a lixiao root, with test users and groups that all carry one
/// unique prefix, so that tearing down never touches anything else.
final class SambaHarness {
    static let smbd = "/usr/sbin/smbd"
    static let smbclient = "/usr/bin/smbclient"
    static let port = 1445

    /// Why the test cannot run here, or `nil`.
    static var unavailable: String? {
        if geteuid() != 0 { return "needs root (users, groups and ACLs)" }
        for tool in [smbd, smbclient, "/usr/bin/setfacl", "/usr/sbin/useradd", "/usr/bin/smbpasswd"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (make deps installs samba, smbclient and acl)"
        }
        return nil
    }

    let folder: String
    let prefix = "lxt\(String(UInt16.random(in: 0x1000...0xffff), radix: 16))-"
    let password = "Lx-test-\(UUID().uuidString.prefix(8))"
    var users: [String] = []
    private var server: Process?
    /// smbd in the foreground exits when its standard input ends, so the test keeps it open until tear-down.
    private let serverInput = Pipe()

    init() throws {
        folder = NSTemporaryDirectory() + "lixiao-samba-\(UUID().uuidString.prefix(8))"
        for sub in ["lock", "state", "cache", "private", "pid", "log"] {
            try FileManager.default.createDirectory(
                atPath: folder + "/" + sub, withIntermediateDirectories: true)
        }
    }

    var configuration: String { folder + "/smb.conf" }

    /// Writes smb.conf with `shares` (as `share-setup` printed them).
    func configure(shares: String) throws {
        let global = """
            [global]
               server role = standalone server
               smb ports = \(Self.port)
               interfaces = 127.0.0.1
               bind interfaces only = yes
               disable netbios = yes
               map to guest = never
               restrict anonymous = 2
               unix charset = UTF-8
               passdb backend = tdbsam:\(folder)/private/passdb.tdb
               lock directory = \(folder)/lock
               state directory = \(folder)/state
               cache directory = \(folder)/cache
               private dir = \(folder)/private
               pid directory = \(folder)/pid
               ncalrpc dir = \(folder)/state/ncalrpc
               log file = \(folder)/log/smbd.log
               log level = 1
               load printers = no
               printing = bsd
               printcap name = /dev/null
               disable spoolss = yes

            """
        try (global + shares).write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    /// Starts smbd; throws if the port never opens.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.smbd)
        process.arguments = ["--foreground", "--no-process-group", "-s", configuration]
        process.standardInput = serverInput
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        server = process
        guard eventually(20, { Self.portOpen() }) else {
            let log = (try? String(contentsOfFile: folder + "/log/smbd.log", encoding: .utf8)) ?? ""
            throw HarnessError("smbd did not open port \(Self.port): \(log.suffix(2000))")
        }
    }

    static func portOpen() -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Creates the Unix user the daemon runs as (no home, no shell, no Samba password); returns its name.
    func addServiceUser(_ name: String) throws -> String {
        let user = prefix + name
        try Self.shell("/usr/sbin/useradd", ["-M", "-N", "-s", "/usr/sbin/nologin", user])
        users.append(user)
        return user
    }

    /// Creates a Unix user (no home, no shell) in `groups` with a Samba password.
    func addUser(_ name: String, groups: [String]) throws {
        let user = prefix + name
        try Self.shell(
            "/usr/sbin/useradd", ["-M", "-N", "-s", "/usr/sbin/nologin", "-G", groups.joined(separator: ","), user])
        users.append(user)
        try Self.shell(
            "/usr/bin/smbpasswd", ["-c", configuration, "-a", "-s", user], input: "\(password)\n\(password)\n")
    }

    /// Runs smbclient as `user` on `share` with the commands `commands`; returns its exit status and output.
    func client(_ user: String, _ share: String, _ commands: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.smbclient)
        process.arguments = [
            "//127.0.0.1/\(share)", "-p", "\(Self.port)", "-U", "\(prefix + user)%\(password)", "-m", "SMB3",
            "-s", configuration, "-c", commands,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        guard (try? process.run()) != nil else { return (-1, "smbclient did not start") }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Stops smbd by its pid and removes every user and group with the test's prefix.
    func tearDown() {
        if let server, server.isRunning {
            kill(server.processIdentifier, SIGTERM)
            if !eventually(10, { !server.isRunning }) { kill(server.processIdentifier, SIGKILL) }
        }
        for user in users { _ = try? Self.shell("/usr/sbin/userdel", [user]) }
        let groups = (try? String(contentsOfFile: "/etc/group", encoding: .utf8)) ?? ""
        for line in groups.split(separator: "\n") where line.hasPrefix(prefix) {
            if let name = line.split(separator: ":").first { _ = try? Self.shell("/usr/sbin/groupdel", [String(name)]) }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    @discardableResult
    static func shell(_ program: String, _ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let feed = Pipe()
        if input != nil { process.standardInput = feed }
        try process.run()
        if let input {
            feed.fileHandleForWriting.write(Data(input.utf8))
            try feed.fileHandleForWriting.close()
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HarnessError("\(program) \(arguments.joined(separator: " ")): \(text)")
        }
        return text
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite("The share, end to end through a real Samba server", .serialized)
struct SambaShareTests {
    @Test(
        "each role writes only its own inbox folder and reads only its own outbox folder, as the share enforces",
        .enabled(if: SambaHarness.unavailable == nil, "Samba test skipped: \(SambaHarness.unavailable ?? "")"))
    func rolesThroughTheShare() throws {
        let samba = try SambaHarness()
        defer { samba.tearDown() }
        let season = Season()
        try season.drop("registry.xlsx", into: "registry")
        #expect(season.lixiao(["run", "--settle", "0"]).status == 0)
        let p = samba.prefix
        // The daemon runs as its own unprivileged user, as the service unit has it, so the ACLs must let it
        // read what staff drop. Its primary group is `users`, as every test user's is: the folders' owning
        // group must grant nothing.
        let service = try samba.addServiceUser("svc")
        try SambaHarness.shell("/bin/chown", ["-R", "\(service):", season.root.path])
        let setup = season.lixiao([
            "share-setup", "--apply", "--user", service, "--group-prefix", p, "--share-name", "lxtest",
        ])
        try #require(setup.status == 0, "\(setup.standardOutput)\(setup.standardError)")
        let shares = String(setup.standardOutput.drop { $0 != "#" })
        // Applying again changes nothing, and nothing has drifted.
        #expect(season.lixiao(["share-setup", "--apply", "--user", service, "--group-prefix", p]).status == 0)
        let check = season.lixiao(["share-setup", "--check", "--user", service, "--group-prefix", p])
        #expect(check.status == 0, "\(check.standardOutput)")
        // A folder whose ACL someone widened is reported, and the next --apply puts it right.
        let library = season.path("inbox/departments/图书馆")
        try SambaHarness.shell("/usr/bin/setfacl", ["-m", "group:\(p)staff:rwx", library])
        let drifted = season.lixiao(["share-setup", "--check", "--user", service, "--group-prefix", p])
        #expect(drifted.status == 1)
        #expect(drifted.standardOutput.contains("drifted: \(library): unexpected group:\(p)staff:rwx"))
        #expect(season.lixiao(["share-setup", "--apply", "--user", service, "--group-prefix", p]).status == 0)
        #expect(season.lixiao(["share-setup", "--check", "--user", service, "--group-prefix", p]).status == 0)

        try samba.configure(shares: shares)
        try samba.addUser("lib", groups: [p + "staff", p + "d-library"])
        try samba.addUser("cs", groups: [p + "staff", p + "c-cs"])
        try samba.addUser("adv", groups: [p + "staff", p + "a-t2003015"])
        try samba.addUser("apt", groups: [p + "staff", p + "apartment"])
        try samba.start()
        let daemon = try Daemon(
            [
                "-u", service, "--", Lixiao.executable, "watch", "--root", season.root.path, "--poll", "0.5",
                "--settle", "0.5",
            ],
            executable: "/usr/sbin/runuser")
        defer { _ = daemon.stop() }

        let local = NSTemporaryDirectory() + "lixiao-samba-files-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: local) }
        let staging = Season()
        try staging.handMade(into: "x", as: "还书.xlsx", ["学工号,办理状态", "2023110101,3"])
        try staging.handMade(into: "x", as: "签字.xlsx", ["学工号,签字", "2024210305,是"])
        let returnFile = staging.path("inbox/x/还书.xlsx")
        let signature = staging.path("inbox/x/签字.xlsx")

        // A department drops its return into its own folder; the receipt comes back in its outbox.
        let drop = samba.client("lib", "lxtest-inbox", "cd \"departments/图书馆\"; put \"\(returnFile)\" \"还书.xlsx\"")
        #expect(drop.status == 0, "\(drop.output)")
        #expect(eventually(30) { season.exists("outbox/departments/图书馆/回执/还书.xlsx.回执.xlsx") })
        let receipt = samba.client("lib", "lxtest-outbox", "recurse ON; cd \"departments/图书馆/回执\"; ls")
        #expect(receipt.output.contains("还书.xlsx.回执.xlsx"), "\(receipt.output)")

        // Every attempt to act for another role is denied by the share.
        let attempts: [(user: String, share: String, commands: String)] = [
            ("lib", "lxtest-inbox", "cd \"departments/财务处\"; put \"\(returnFile)\" \"x.xlsx\""),
            ("lib", "lxtest-inbox", "cd \"colleges/计算机科学与技术学院/roster\"; put \"\(returnFile)\" \"x.xlsx\""),
            ("lib", "lxtest-inbox", "cd \"departments/学院党委/计算机科学与技术学院\"; put \"\(returnFile)\" \"x.xlsx\""),
            ("lib", "lxtest-inbox", "cd \"advisors/T2003015\"; put \"\(signature)\" \"x.xlsx\""),
            ("lib", "lxtest-inbox", "cd registry; put \"\(returnFile)\" \"x.xlsx\""),
            ("cs", "lxtest-inbox", "cd \"departments/图书馆\"; put \"\(returnFile)\" \"x.xlsx\""),
            ("cs", "lxtest-inbox", "cd \"colleges/外国语学院/issuance\"; put \"\(returnFile)\" \"x.xlsx\""),
            ("adv", "lxtest-inbox", "cd \"advisors/T1998002\"; put \"\(signature)\" \"x.xlsx\""),
            ("adv", "lxtest-inbox", "cd advisors; mkdir T2001"),
            ("adv", "lxtest-inbox", "cd advisors; put \"\(signature)\" \"x.xlsx\""),
            ("lib", "lxtest-outbox", "cd apartment; ls"),
            ("cs", "lxtest-outbox", "cd admin; ls"),
            ("adv", "lxtest-outbox", "cd \"advisors/T1998002\"; ls"),
            ("apt", "lxtest-outbox", "cd \"departments/图书馆\"; ls"),
        ]
        var denied = 0
        for attempt in attempts {
            let result = samba.client(attempt.user, attempt.share, attempt.commands)
            if result.output.contains("NT_STATUS_ACCESS_DENIED") {
                denied += 1
            } else {
                Issue.record("not denied: \(attempt.user) on \(attempt.share): \(attempt.commands)\n\(result.output)")
            }
        }
        #expect(denied == attempts.count)
        #expect(!season.exists("inbox/advisors/T2001"))

        // The apartment centre lists its own outbox; an advisor signs through their own folder.
        let apartment = samba.client("apt", "lxtest-outbox", "cd apartment; ls")
        #expect(apartment.status == 0 && !apartment.output.contains("NT_STATUS"), "\(apartment.output)")
        let signed = samba.client("adv", "lxtest-inbox", "cd \"advisors/T2003015\"; put \"\(signature)\" \"签字.xlsx\"")
        #expect(signed.status == 0, "\(signed.output)")
        #expect(eventually(30) { season.exists("outbox/advisors/T2003015/回执/签字.xlsx.回执.xlsx") })
        // `show` waits for the daemon's round to release the ledger.
        var show: [String: Any] = [:]
        #expect(
            eventually(20) {
                let run = season.lixiao(["show", "2024210305", "--json"])
                show = (try? season.json(run)) ?? [:]
                return run.status == 0
            })
        #expect((show["items"] as? [String: [String: Any]])?["导师签字"]?["status"] as? Int == 3)
    }
}
