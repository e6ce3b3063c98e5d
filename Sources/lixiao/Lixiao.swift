import ArgumentParser

/// The `lixiao` command: graduation-departure clearance as a file-based batch pipeline.
@main
struct Lixiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lixiao",
        abstract: "Run a university's graduation-departure clearance (离校注销) through a shared folder.",
        discussion: """
            Departments, colleges and advisors drop spreadsheets into inbox/ and collect generated \
            workbooks and receipts from outbox/. See README.md for the folder protocol.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Run.self, Watch.self, StatusCommand.self, ServiceUnitCommand.self, ShareSetup.self, Show.self,
            History.self, Stats.self, Verify.self, Export.self, Notice.self, CheckNotice.self, PublicKey.self,
            Purge.self,
            CloseBatch.self,
            Demo.self,
            Inspect.self, ReadSheet.self,
        ]
    )
}

/// Exit codes from sysexits.h, as the commands use them.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let ioError = ExitCode(74)
    static let tryAgain = ExitCode(75)
    static let configuration = ExitCode(78)
}

/// A usage error found once the pipeline is loaded (an unknown item, batch or college): prints it and exits 64,
/// since ArgumentParser's own usage line would only name the top-level command at that point.
func usageError(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitStatus.usage
}
