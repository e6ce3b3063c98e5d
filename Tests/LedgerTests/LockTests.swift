import Foundation
import Glibc
import Ledger
import Testing

/// One process owns a ledger at a time.
@Suite("Lock", .serialized)
struct LockTests {
    @Test("a ledger held by another process refuses with that process's id, and is free once it dies")
    func heldByAnotherProcess() throws {
        let folder = try TemporaryFolder("lock")
        let root = folder("ledger")
        let probe = try ProbeProcess.probe(["hold", root, "60"])
        #expect(probe.readLine() == "locked")
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root) }
        #expect(error?.kind == .locked(root: root, pid: probe.pid))
        #expect(
            error?.description
                == "ledger \(root) is in use by process \(probe.pid); only one lixiao may run on a ledger")
        try probe.kill()
        let store = try LedgerStore(root: root)
        #expect(try String(contentsOfFile: root + "/.lock", encoding: .utf8) == "\(getpid())\n")
        #expect(Files.permissions(root + "/.lock") & 0o007 == 0)
        withExtendedLifetime(store) {}
    }

    @Test("a second store on the same ledger in one process is refused until the first is released")
    func twoStoresInOneProcess() throws {
        let folder = try TemporaryFolder("lock")
        let root = folder("ledger")
        var first: LedgerStore? = try LedgerStore(root: root)
        let error = #expect(throws: LedgerError.self) { try LedgerStore(root: root) }
        #expect(error?.kind == .locked(root: root, pid: getpid()))
        withExtendedLifetime(first) {}
        first = nil
        _ = try LedgerStore(root: root)
    }

    @Test("a second probe exits with 75 and a clear message while the ledger is held")
    func probeRefusedWhileHeld() throws {
        let folder = try TemporaryFolder("lock")
        let root = folder("ledger")
        let store = try LedgerStore(root: root)
        let probe = try ProbeProcess.probe(["append", root, "b", "1"])
        #expect(try probe.waitForExit() == 75)
        #expect(probe.errorText().contains("is in use by process \(getpid())"))
        withExtendedLifetime(store) {}
    }
}
