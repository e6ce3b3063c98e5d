import Foundation
import Glibc
import Ledger
import Testing

@testable import lixiao_ledger_probe

/// Real crashes: a separate process appends or rewrites, and is killed with SIGKILL at a random moment.
@Suite("Crashes", .serialized)
struct CrashTests {
    /// The seed, from `LEDGER_CRASH_SEED` when set (to repeat a failing run), else from the clock.
    static func seed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["LEDGER_CRASH_SEED"], let seed = UInt64(text) { return seed }
        return UInt64(Date().timeIntervalSince1970 * 1000)
    }

    @Test("a process killed at any moment while appending loses no acknowledged record and leaves an intact journal")
    func killedWhileAppending() throws {
        let seed = Self.seed()
        print("crash test seed: \(seed) (set LEDGER_CRASH_SEED=\(seed) to repeat)")
        var random = SeededGenerator(seed: seed)
        let folder = try TemporaryFolder("crash")
        let root = folder("ledger")
        let started = Date()
        var checkedThrough = 0
        var highestAck = 0
        var tornTails = 0
        var unacknowledgedSurvivors = 0
        for iteration in 0..<60 {
            let batchSize = [1, 2, 7, 31, 100][Int.random(in: 0..<5, using: &random)]
            let delay = UInt32.random(in: 0...30_000, using: &random)
            // Every other probe writes in small pieces, so kills also land between the pieces of one append.
            let split = iteration % 2 == 0 ? 0 : [16, 64, 512][Int.random(in: 0..<3, using: &random)]
            let probe = try ProbeProcess.probe(
                [
                    "append", root, "crash", "10000000", "--batch-size", String(batchSize), "--split-writes",
                    String(split),
                ])
            // Most kills land while appends stream; every fifth lands anywhere from the start (open, recovery).
            var lines: [String] = []
            if iteration % 5 != 0 {
                guard let first = probe.readLine() else {
                    Issue.record("the probe acknowledged nothing: \(probe.errorText())")
                    return
                }
                lines.append(first)
            }
            usleep(delay)
            try probe.kill()
            lines += probe.remainingLines()
            let acks = lines.compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }
            #expect(acks.count == lines.count, "unexpected probe output: \(lines.suffix(3))")
            highestAck = max(highestAck, acks.max() ?? 0)

            let store = try LedgerStore(root: root)
            let journal = try store.journal(batch: "crash")
            if journal.recoveredTail != nil { tornTails += 1 }
            guard case .intact(let records, _) = journal.verify() else {
                Issue.record("iteration \(iteration) (seed \(seed)): \(journal.verify())")
                return
            }
            #expect(records >= highestAck, "iteration \(iteration) (seed \(seed)): acknowledged records lost")
            unacknowledgedSurvivors += records - highestAck
            try journal.forEach(from: checkedThrough + 1) { record in
                #expect(record.entry == ProbeEntry.make(record.sequence), "record \(record.sequence) (seed \(seed))")
            }
            checkedThrough = records
            highestAck = records  // later acks may not be lower than what is already on disk
        }
        let journal = try LedgerStore(root: root).journal(batch: "crash")
        var count = 0
        try journal.forEach { record in
            count += 1
            #expect(record.entry == ProbeEntry.make(record.sequence))
        }
        #expect(count == journal.lastSequence)
        let seconds = Date().timeIntervalSince(started)
        print(
            "crash test: 60 kills in \(String(format: "%.1f", seconds)) s, \(count) records, \(tornTails) torn tails "
                + "recovered, \(unacknowledgedSurvivors) complete but unacknowledged records kept")
    }

    @Test("a process killed while rewriting a file atomically leaves either the old or the new content")
    func killedWhileRewriting() throws {
        let seed = Self.seed()
        var random = SeededGenerator(seed: seed &+ 1)
        let folder = try TemporaryFolder("rewrite")
        let path = folder("outbox.tsv")
        for _ in 0..<15 {
            let probe = try ProbeProcess.probe(["rewrite", path, "1000000"])
            _ = probe.readLine()
            usleep(UInt32.random(in: 0...30_000, using: &random))
            try probe.kill()
            let acks = probe.remainingLines().compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }
            let text = String(decoding: try Files.bytes(path), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = lines.first, let generation = Int(first.split(separator: " ")[1]) else {
                Issue.record("not a whole generation (seed \(seed)): \(text.prefix(80))")
                return
            }
            if let acknowledged = acks.max() {
                // Generations restart with each probe: the file holds the last acknowledged one or the next.
                #expect(generation == acknowledged || generation == acknowledged + 1, "seed \(seed)")
            }
            #expect(lines.count == 2000 + generation % 500 + 1, "seed \(seed)")
            #expect(lines.dropLast().allSatisfy { $0 == first }, "seed \(seed)")
            #expect(lines.last == "", "seed \(seed)")
            #expect(Files.permissions(path) & 0o007 == 0)
        }
    }
}
