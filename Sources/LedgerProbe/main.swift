// A tiny process the ledger's tests start, and kill with SIGKILL, while it appends or rewrites.
//
//   lixiao-ledger-probe append <ledger-root> <batch> <count> [--batch-size k] [--split-writes n]
//       appends `count` entries (entry n is a pure function of its sequence number n, see ProbeEntry), printing
//       `ack <last sequence>` after each append returns; --split-writes makes each write call write at most n
//       bytes, so that a kill can land between the pieces of one append
//   lixiao-ledger-probe hold <ledger-root> <seconds>      takes the lock, prints `locked`, sleeps
//   lixiao-ledger-probe rewrite <file> <count>           rewrites <file> atomically `count` times, printing `ack <i>`
//   lixiao-ledger-probe bench <ledger-root> <count>       times appending, reopening and verifying `count` records
//
// Exit codes (sysexits): 0 done, 64 usage, 74 a ledger error (printed to stderr), 75 the ledger is locked.

import Glibc
import Ledger

// With SIGXFSZ ignored, exceeding `ulimit -f` makes write fail with EFBIG instead of killing the process.
signal(SIGXFSZ, SIG_IGN)

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "append" where arguments.count >= 4:
        let options = Options(arguments.dropFirst(4))
        guard let count = Int(arguments[3]), let size = options.batchSize, size > 0, let split = options.splitWrites
        else { usage() }
        let fileSystem = split > 0 ? FileSystem.live.splittingWrites(into: split) : .live
        try appendEntries(
            root: arguments[1], batch: arguments[2], count: count, batchSize: size, fileSystem: fileSystem)
    case "hold" where arguments.count == 3:
        guard let seconds = UInt32(arguments[2]) else { usage() }
        let store = try LedgerStore(root: arguments[1])
        say("locked")
        sleep(seconds)
        withExtendedLifetime(store) {}
    case "rewrite" where arguments.count == 3:
        guard let count = Int(arguments[2]) else { usage() }
        try rewrite(path: arguments[1], count: count)
    case "bench" where arguments.count == 3:
        guard let count = Int(arguments[2]) else { usage() }
        try bench(root: arguments[1], count: count)
    default:
        usage()
    }
} catch {
    let text = "lixiao-ledger-probe: \(error)\n"
    _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    if case .locked = error.kind { exit(75) }
    exit(74)
}

func appendEntries(
    root: String, batch: String, count: Int, batchSize: Int, fileSystem: FileSystem
) throws(LedgerError) {
    let journal = try LedgerStore(root: root, fileSystem: fileSystem).journal(batch: batch)
    var remaining = count
    while remaining > 0 {
        let size = min(batchSize, remaining)
        let first = journal.lastSequence + 1
        let records = try journal.append((first..<first + size).map(ProbeEntry.make))
        remaining -= size
        say("ack \(records.last?.sequence ?? journal.lastSequence)")
    }
}

/// Rewrites `path` with generation `i`: a whole number of identical lines, so a mixture would show.
func rewrite(path: String, count: Int) throws(LedgerError) {
    let store = try LedgerStore(root: Path(path).folder + "/.probe-ledger")
    for generation in 1...max(count, 1) {
        let line = Array("generation \(generation) \(String(repeating: "数据", count: 40))\n".utf8)
        let bytes = Array([[UInt8]](repeating: line, count: 2000 + generation % 500).joined())
        try store.writeAtomically(bytes, to: path)
        say("ack \(generation)")
    }
}

func bench(root: String, count: Int) throws(LedgerError) {
    let entries = (1...count).map(ProbeEntry.make)
    var start = now()
    do {
        let journal = try LedgerStore(root: root).journal(batch: "bench")
        try journal.append(entries)
        say("append \(count) entries in one call: \(milliseconds(since: start)) ms")
    }
    start = now()
    let store = try LedgerStore(root: root)
    let journal = try store.journal(batch: "bench")
    say("reopen (check every record) of \(journal.lastSequence) records: \(milliseconds(since: start)) ms")
    start = now()
    let verification = journal.verify()
    say("verify: \(milliseconds(since: start)) ms, \(verification)")
    start = now()
    var decoded = 0
    do {
        try journal.forEach { _ in decoded += 1 }
    } catch {
        say("forEach failed: \(error)")
    }
    say("forEach (decode every record) of \(decoded) records: \(milliseconds(since: start)) ms")
}

func say(_ line: String) {
    let text = line + "\n"
    _ = text.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
}

func usage() -> Never {
    let text = """
        usage: lixiao-ledger-probe append <ledger-root> <batch> <count> [--batch-size k] [--split-writes n]
               lixiao-ledger-probe hold <ledger-root> <seconds>
               lixiao-ledger-probe rewrite <file> <count>
               lixiao-ledger-probe bench <ledger-root> <count>

        """
    _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(64)
}

func now() -> timespec {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return time
}

func milliseconds(since start: timespec) -> Int {
    let end = now()
    return (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1_000_000
}

/// The options of `append`; `nil` values mean a malformed option.
struct Options {
    var batchSize: Int? = 1
    var splitWrites: Int? = 0

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        while let name = rest.popFirst() {
            let value = rest.popFirst().flatMap { Int($0) }
            switch name {
            case "--batch-size": batchSize = value
            case "--split-writes": splitWrites = value
            default: batchSize = nil
            }
        }
    }
}

/// The folder of a path, for the probe's own bookkeeping.
struct Path {
    var folder: String

    init(_ path: String) {
        folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    }
}
