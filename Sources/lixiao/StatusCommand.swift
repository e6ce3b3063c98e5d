import ArgumentParser
import Clearance
import Foundation
import Ledger
import Pipeline

/// `lixiao status`: whether the daemon runs, what its last round did and what waits, for people and monitoring.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Say whether a daemon runs on this root, what its last round did, and what waits in the inbox.",
        discussion: """
            Exits as a monitoring check expects (the Nagios plugin convention): 0 healthy; 1 warning (files \
            refused in the last 24 hours, or outputs that failed to build in the last round); 2 critical (no daemon running, the \
            last round stopped by an error, or a root that init has not laid out). The reason is the last line \
            of the text output and "problems" in --json.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Seconds a file must be unchanged before the daemon takes it (as given to watch).")
    var settle: Double = 2

    func run() throws {
        let workspace = try options.workspace()
        let clock = options.clock
        var critical: [String] = []
        var warnings: [String] = []
        var daemon: [String: Any] = ["running": false]
        if !FileManager.default.fileExists(atPath: workspace.ledger) {
            critical.append("\(workspace.ledger) does not exist: run lixiao init")
        } else {
            switch try? DaemonLock.take(root: workspace.ledger) {
            case .failure(let held):
                daemon = ["running": true, "pid": held.holder.pid as Any, "since": held.holder.since as Any]
            case .success:
                critical.append("no lixiao watch runs on this root")
            case nil:
                critical.append("cannot read \(workspace.ledger)/\(DaemonLock.fileName)")
            }
        }
        let last = RoundStatus.read(ledger: workspace.ledger)
        if let last {
            if !last.errors.isEmpty { critical.append("the last round stopped or failed: \(last.errors[0])") }
            let refused = RoundStatus.within(24 * 3600, last.recentRefused, now: clock.now())
            if !refused.isEmpty { warnings.append("\(refused.count) files refused in the last 24 hours") }
            if !last.outputFailures.isEmpty {
                warnings.append("\(last.outputFailures.count) outputs failed to build in the last round")
            }
        }
        let waiting = InboxWaiting(workspace: workspace, settleSeconds: settle)
        let problems = critical + warnings
        let health = !critical.isEmpty ? "critical" : !warnings.isEmpty ? "warning" : "ok"
        if json {
            var object: [String: Any] = [
                "health": health, "problems": problems, "daemon": daemon,
                "inbox": ["ready": waiting.ready, "settling": waiting.settling, "ignored": waiting.ignored],
            ]
            if let last, let data = try? JSONEncoder().encode(last) {
                object["lastRound"] = try JSONSerialization.jsonObject(with: data)
            }
            let data = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text(daemon: daemon, last: last, waiting: waiting, clock: clock))
            print(health == "ok" ? "status: OK" : "status: \(health.uppercased()): \(problems.joined(separator: "; "))")
        }
        if !critical.isEmpty { throw ExitCode(2) }
        if !warnings.isEmpty { throw ExitCode(1) }
    }

    /// The text output, every time in the clock's zone (the JSON keeps the UTC times `status.json` holds).
    private func text(daemon: [String: Any], last: RoundStatus?, waiting: InboxWaiting, clock: RunClock) -> String {
        let zone = clock.zone
        var lines: [String] = []
        if daemon["running"] as? Bool == true {
            let pid = (daemon["pid"] as? Int32).map(String.init) ?? "unknown"
            let since = (daemon["since"] as? String).map { zone.text(ledger: $0) } ?? "unknown"
            lines.append("daemon:      running, pid \(pid), since \(since)")
        } else {
            lines.append("daemon:      not running")
        }
        if let last {
            lines.append(
                String(
                    format: "last round:  %@ (%@), %d files, %.2f s", zone.text(ledger: last.finished), last.by,
                    last.files, last.seconds))
            lines += RoundStatus.within(24 * 3600, last.recentRefused, now: clock.now()).map {
                "  refused:   \(RoundStatus.local($0, in: zone))"
            }
            lines += last.outputFailures.map { "  output failed: \($0)" }
        } else {
            lines.append("last round:  none recorded")
        }
        lines.append(
            "inbox:       \(waiting.ready.count) ready, \(waiting.settling.count) settling, "
                + "\(waiting.ignored.count) ignored")
        lines += waiting.settling.map { "  settling:  \($0)" }
        lines += waiting.ignored.map { "  ignored:   \($0)" }
        if let last, !last.recentErrors.isEmpty {
            lines.append("recent errors:")
            lines += last.recentErrors.map { "  \(RoundStatus.local($0, in: zone))" }
        }
        return lines.joined(separator: "\n")
    }
}
