import Clearance
import Foundation
import Glibc
import Ledger
import Testing

/// What the ledger keeps for the installation beside the journals: its secret, the daemon's lock, and no
/// temporary files a crash left.
@Suite("Installation files", .serialized)
struct InstallationTests {
    @Test("the secret is made once (32 random bytes, mode 0600) and read back the same")
    func secretMadeOnce() throws {
        let folder = try TemporaryFolder("secret")
        let root = folder("ledger")
        var store: LedgerStore? = try LedgerStore(root: root)
        let made = try #require(store).secret(positions: ["2027-summer": 0])
        #expect(made.isNew)
        #expect(made.key.count == 32)
        #expect(made.madeAfter.isEmpty)
        #expect(Files.permissions(root + "/secret.key") == 0o600)
        store = nil
        let again = try LedgerStore(root: root).secret(positions: ["2027-summer": 12])
        #expect(!again.isNew)
        #expect(again.key == made.key)
        #expect(again.madeAfter.isEmpty)
    }

    @Test("a secret made again while journals hold records remembers their positions; a damaged one is refused")
    func secretLostAndMadeAgain() throws {
        let folder = try TemporaryFolder("secret-lost")
        let root = folder("ledger")
        let store = try LedgerStore(root: root)
        let made = try store.secret(positions: ["2027-summer": 12, "2027-winter": 0])
        #expect(made.madeAfter == ["2027-summer": 12])
        #expect(try store.secret(positions: [:]).madeAfter == ["2027-summer": 12])
        try Files.write(Array("not a key\n".utf8), to: root + "/secret.key")
        let error = #expect(throws: LedgerError.self) { try store.secret(positions: [:]) }
        guard case .damaged = error?.kind else {
            Issue.record("expected damage, got \(String(describing: error))")
            return
        }
    }

    @Test("a second daemon lock is refused naming the holder's pid and start time, and is free once released")
    func daemonLock() throws {
        let folder = try TemporaryFolder("daemon")
        let root = folder("ledger")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var first: DaemonLock? = try DaemonLock.take(root: root, now: start).get()
        switch try DaemonLock.take(root: root) {
        case .success: Issue.record("a second daemon lock was granted")
        case .failure(let held):
            #expect(held.holder.pid == getpid())
            #expect(held.holder.since == LocalZone.ledgerText(start))
        }
        withExtendedLifetime(first) {}
        first = nil
        #expect(throws: Never.self) { _ = try DaemonLock.take(root: root).get() }
    }

    @Test("leftover temporary files are removed; symbolic links and excluded folders are never entered")
    func leftovers() throws {
        let folder = try TemporaryFolder("leftovers")
        let outbox = folder("outbox")
        let outside = folder("outside")
        let inbox = outbox + "/inbox"
        for path in [outbox + "/a/b", outside, inbox] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let names = [
            outbox + "/.lixiao-0000000000000001.tmp", outbox + "/a/b/.lixiao-0000000000000002.xlsx.tmp",
            outbox + "/a/keep.xlsx", outbox + "/a/.lixiao-notes.txt", outside + "/.lixiao-0000000000000003.tmp",
            inbox + "/.lixiao-0000000000000004.tmp",
        ]
        for name in names { try Files.write([1], to: name) }
        try FileManager.default.createSymbolicLink(atPath: outbox + "/link", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: outbox + "/.lixiao-0000000000000005.tmp",
            withDestinationPath: outside + "/.lixiao-0000000000000003.tmp")
        let removed = try FileSystem.live.removeLeftoverTemporaryFiles(under: outbox, excluding: [inbox])
        #expect(removed == [names[0], names[1]].sorted())
        for name in names.dropFirst(2) { #expect(FileManager.default.fileExists(atPath: name), "\(name)") }
        #expect(
            (try? FileManager.default.destinationOfSymbolicLink(atPath: outbox + "/.lixiao-0000000000000005.tmp"))
                != nil)
    }
}
