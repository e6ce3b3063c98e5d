import ArgumentParser
import Foundation
import Pipeline

/// `lixiao service-unit`: prints the systemd unit that runs `lixiao watch` on this root.
struct ServiceUnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-unit",
        abstract: "Print a systemd unit that runs lixiao watch on this root as a service.",
        discussion: """
            Save the output as /etc/systemd/system/lixiao.service, then run systemctl daemon-reload and \
            systemctl enable --now lixiao. The unit restarts the daemon on failure but not on usage (64) or \
            configuration (78) errors, reloads the pipeline file on systemctl reload (SIGHUP), and keeps the \
            rest of the system read-only to it.
            """
    )

    @OptionGroup var options: PipelineOptions

    @Option(help: "The user the daemon runs as; it must own the root.")
    var user = "lixiao"

    @Option(help: "The lixiao executable the unit starts. Default: this one.", completion: .file())
    var executable: String?

    func validate() throws {
        guard !user.isEmpty, user.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("--user must be a user name (letters, digits, - _ .).")
        }
    }

    func run() throws {
        // Prints text only: a unit may be made before the root is laid out.
        let workspace = try options.workspace(laidOut: false)
        let program =
            executable.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
            ?? ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? "/usr/local/bin/lixiao")
        let pipeline = options.pipeline.map {
            URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .standardizedFileURL.path
        }
        print(
            ServiceUnit(executable: program, user: user, workspace: workspace, pipeline: pipeline).text,
            terminator: "")
    }
}
