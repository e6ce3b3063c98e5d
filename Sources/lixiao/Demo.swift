import ArgumentParser
import Foundation
import Pipeline

/// `lixiao demo`: a generated university plays a clearance season in a fresh folder.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a clearance season for a generated university in a fresh folder, then say where to look.",
        discussion: """
            Generates people (names, IDs, colleges, classes, advisors, apartments), drops the registry export, \
            then department returns in xlsx, xls and GBK CSV, a stale copy, a range row, advisor signatures, an \
            issuance confirmation, self-service applications, a preview and a bad file, processing the inbox after \
            each round.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "How many people the generated registry lists.")
    var people = 2_000

    @Option(help: "The seed: the same seed gives the same university.")
    var seed: UInt64 = 2027

    @Option(
        help: ArgumentHelp(
            "Play at a fixed clock: the first round at this instant (ISO 8601, such as 2027-06-01T09:00:00+08:00), "
                + "each later round three days on; the same seed and clock give the same outbox.",
            valueName: "instant"))
    var clock: String?

    @Flag(help: "Only lay out the root and drop the generated registry export into inbox/registry/ (for benchmarks).")
    var registryOnly = false

    func validate() throws {
        guard people >= 50, people <= 200_000 else { throw ValidationError("--people must be between 50 and 200000.") }
        if let clock, Self.instant(clock) == nil {
            throw ValidationError("--clock \(clock) is not an ISO 8601 instant such as 2027-06-01T09:00:00+08:00.")
        }
    }

    static func instant(_ text: String) -> Date? {
        let parser = ISO8601DateFormatter()
        return parser.date(from: text)
    }

    func run() throws {
        let workspace = try options.workspace(laidOut: false)
        do {
            let season = DemoSeason(
                workspace: workspace, people: people, seed: seed, start: clock.flatMap(Self.instant)
            ) { print($0) }
            if registryOnly { try season.dropRegistry() } else { try season.play() }
        } catch {
            printError("error: \(error)")
            throw ExitStatus.ioError
        }
    }
}
