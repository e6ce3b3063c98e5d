import ArgumentParser
import Pipeline

/// `lixiao read-sheet`: the isolated reader process `run` and `watch` start for each dropped file (hidden).
///
/// It limits its own address space and CPU time, reads the file, and writes the sheets in a binary form to
/// standard output; a crash or a kill at a limit costs only this process.
struct ReadSheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read-sheet",
        abstract: "Read one spreadsheet under resource limits and write its cells to standard output (internal).",
        shouldDisplay: false
    )

    @Argument(help: "The file to read (a copy lixiao owns).")
    var path: String

    @Option(help: "The file's name as dropped, for messages.")
    var name: String

    @Option(name: .customLong("memory-mb"), help: "Address-space limit in MiB.")
    var memoryMegabytes: Int = SheetLoader.Limits().memoryMegabytes

    @Option(help: "CPU-time limit in seconds.")
    var cpuSeconds: Int = SheetLoader.Limits().cpuSeconds

    func run() throws {
        var limits = SheetLoader.Limits()
        limits.memoryMegabytes = memoryMegabytes
        limits.cpuSeconds = cpuSeconds
        let status = SheetLoader.serveChild(path: path, displayName: name, limits: limits)
        if status != 0 { throw ExitCode(status) }
    }
}
