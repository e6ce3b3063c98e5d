public import Clearance
public import Foundation
public import Ledger

/// What the last round did, kept in `ledger/status.json` for `lixiao status` (and monitoring checks).
///
/// Written atomically (a temporary file renamed over the old one) at the end of every round of `watch` and of
/// every `run`, so a reader sees one whole round or the one before.
public struct RoundStatus: Codable, Sendable, Equatable {
    /// The file's name in the ledger folder.
    public static let fileName = "status.json"
    /// How many of the most recent errors are kept.
    public static let errorsKept = 20

    /// When the round finished, as the ledger writes times (UTC, ISO 8601, `2027-06-01T01:30:00.123+00:00`).
    public var finished: String
    /// How long the round took, in seconds.
    public var seconds: Double
    /// `watch` or `run`.
    public var by: String
    /// Files answered with a receipt.
    public var files: Int
    /// Files refused (with a receipt saying why), as `folder/name: reason`.
    public var refused: [String]
    /// Files refused in this and earlier rounds, oldest first, each with its UTC time (a refused file leaves the
    /// inbox, so the round after it would forget it).
    public var recentRefused: [String]
    /// Files left for a later round because they were still changing.
    public var settling: [String]
    /// Outputs that could not be built.
    public var outputFailures: [String]
    /// This round's errors (an I/O error that stopped it, outputs that failed).
    public var errors: [String]
    /// The most recent errors of this and earlier rounds, oldest first, each with its UTC time.
    public var recentErrors: [String]

    public init(
        finished: Date, seconds: Double, by: String, files: Int, refused: [String], settling: [String],
        outputFailures: [String], errors: [String], recentErrors: [String], recentRefused: [String]
    ) {
        self.recentRefused = Array(recentRefused.suffix(Self.errorsKept))
        self.finished = LocalZone.ledgerText(finished)
        self.seconds = seconds
        self.by = by
        self.files = files
        self.refused = refused
        self.settling = settling
        self.outputFailures = outputFailures
        self.errors = errors
        self.recentErrors = Array(recentErrors.suffix(Self.errorsKept))
    }

    /// The entries of `stamped` (each starting with its UTC time) newer than `seconds` ago.
    public static func within(_ seconds: Double, _ stamped: [String], now: Date) -> [String] {
        stamped.filter { line in
            guard let word = line.split(separator: " ").first, let date = LocalZone.instant(ledger: String(word)) else {
                return false
            }
            return now.timeIntervalSince(date) < seconds
        }
    }

    /// An entry of ``recentErrors`` or ``recentRefused`` with its UTC time shown in `zone`.
    public static func local(_ stamped: String, in zone: LocalZone) -> String {
        guard let space = stamped.firstIndex(of: " ") else { return zone.text(ledger: stamped) }
        return zone.text(ledger: String(stamped[..<space])) + stamped[space...]
    }

    /// The status the ledger folder `ledger` keeps, if any.
    public static func read(ledger: String) -> RoundStatus? {
        guard let data = FileManager.default.contents(atPath: ledger + "/" + fileName) else { return nil }
        return try? JSONDecoder().decode(RoundStatus.self, from: data)
    }

    /// Writes this status into the ledger folder `ledger`, atomically, through `fileSystem` (the session's).
    public func write(ledger: String, fileSystem: FileSystem = .live) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        try fileSystem.replaceAtomically(Array(data) + [10], at: ledger + "/" + Self.fileName)
    }

    /// The status of a round from its summaries; `earlier` errors are kept before `errors`.
    public static func of(
        _ summary: PipelineRun.Summary, outputs: Regenerator.Summary?, started: Date, by: String, errors: [String],
        earlier: RoundStatus?
    ) -> RoundStatus {
        let now = Date()
        let refused = summary.receipts.compactMap { line in
            line.refusal.map { "\(line.folder)/\(line.fileName): \($0)" }
        }
        let stamp = LocalZone.ledgerText(now)
        let stamped = errors.map { "\(stamp) \($0)" }
        return RoundStatus(
            finished: now, seconds: now.timeIntervalSince(started), by: by, files: summary.receipts.count,
            refused: refused, settling: summary.settling, outputFailures: outputs?.failures ?? [],
            errors: errors, recentErrors: (earlier?.recentErrors ?? []) + stamped,
            recentRefused: (earlier?.recentRefused ?? []) + refused.map { "\(stamp) \($0)" })
    }
}

/// What waits in the inbox now, and why: files ready for the next round, files still changing, and entries
/// lixiao leaves alone (links, FIFOs, hard-linked files).
public struct InboxWaiting: Sendable {
    public var ready: [String] = []
    public var settling: [String] = []
    public var ignored: [String] = []

    /// Walks the inbox as a round would (never following links), without touching anything.
    public init(workspace: Workspace, settleSeconds: Double) {
        let tree = InboxTree(inbox: workspace.inbox)
        let scanner = InboxScanner(
            settleSeconds: settleSeconds, now: Date().timeIntervalSince1970, tracker: SettleTracker())
        for folder in tree.folders.keys.sorted() {
            let listing = scanner.scan(tree, folder: folder)
            ready += listing.ready.map { "\($0.folder)/\($0.name)" }
            settling += listing.settling
            ignored += listing.refused.map { "\($0.folder)/\($0.name): \($0.reason)" }
        }
    }
}
