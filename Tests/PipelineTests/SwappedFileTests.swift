import Foundation
import Glibc
import Ledger
import Reports
import Testing

@testable import Pipeline

/// A file swapped after the scan saw it: the bytes read are only ever those of the regular file the scan saw.
@Suite("Files swapped between the scan and the read", .serialized)
struct SwappedFileTests {
    /// Scans `folder` of the taken root and returns what the scan found ready, with the pieces to handle it.
    private func scanned(_ taken: Taken, folder: String) -> [InboxScanner.Found] {
        let tree = InboxTree(inbox: taken.workspace.inbox)
        let scanner = InboxScanner(settleSeconds: 0, now: Date().timeIntervalSince1970, tracker: SettleTracker())
        return scanner.scan(tree, folder: folder).ready
    }

    /// Hands `file` to the dropped-file handler; processing it at all is recorded as `unexpected`.
    private func handle(_ file: InboxScanner.Found, in taken: Taken, unexpected: String) throws -> Receipt? {
        try taken.withSession { session in
            let dropped = DroppedFile(
                store: session.store, workspace: taken.workspace, clock: RunClock(), loader: .inProcess)
            return try dropped.handle(file) { _, _ in
                Issue.record(Comment(rawValue: unexpected))
                throw CancellationError()
            }
        }
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("a file swapped for a FIFO after the scan is refused at once, never waited on")
    func swappedForFIFO() throws {
        let taken = try Taken()
        let path = taken.workspace.inbox + "/departments/图书馆/回传.csv"
        try write("学工号,办理状态\r\n2023110101,3\r\n", to: path)
        let found = scanned(taken, folder: "departments/图书馆")
        #expect(found.count == 1)
        unlink(path)
        #expect(mkfifo(path, 0o644) == 0)
        let receipt = try handle(found[0], in: taken, unexpected: "a FIFO was processed")
        guard case .rejected(let reason)? = receipt?.outcome else {
            Issue.record("no refusal: \(String(describing: receipt))")
            return
        }
        #expect(reason.contains("不是普通文件"))
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO was removed")
    }

    @Test("a file swapped for a link after the scan is not followed, and the link's target is untouched")
    func swappedForLink() throws {
        let taken = try Taken()
        let path = taken.workspace.inbox + "/departments/图书馆/回传.csv"
        let outside = taken.root + "-outside.csv"
        defer { unlink(outside) }
        try write("学工号,办理状态\r\n2023110101,3\r\n", to: path)
        try write("学工号,办理状态\r\n2023110101,2\r\n", to: outside)
        let found = scanned(taken, folder: "departments/图书馆")
        unlink(path)
        #expect(symlink(outside, path) == 0)
        let receipt = try handle(found[0], in: taken, unexpected: "a link was processed")
        if case .processed? = receipt?.outcome { Issue.record("processed through a link") }
        #expect(FileManager.default.fileExists(atPath: outside))
        #expect(try String(contentsOfFile: outside, encoding: .utf8).contains("2023110101,2"))
    }

    @Test("a file replaced by another regular file after the scan waits for the next scan")
    func replacedByAnotherFile() throws {
        let taken = try Taken()
        let path = taken.workspace.inbox + "/departments/图书馆/回传.csv"
        try write("学工号,办理状态\r\n2023110101,3\r\n", to: path)
        let found = scanned(taken, folder: "departments/图书馆")
        let replacement = path + ".new"
        try write("学工号,办理状态\r\n2023110101,2\r\n", to: replacement)
        #expect(rename(replacement, path) == 0)
        let receipt = try handle(found[0], in: taken, unexpected: "a file the scan did not see was processed")
        #expect(receipt == nil)
        #expect(FileManager.default.fileExists(atPath: path), "the replacement was removed unread")
    }
}
