import Foundation
import Testing

@testable import Sheets

/// Where the committed fixtures live, found from this file so tests run from any folder.
enum Paths {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let scripts = testsFolder.appendingPathComponent("Scripts")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The hostile files, generated once per test run by `Hostile/make_hostile.py` into a temporary folder.
    static let hostile: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lixiao-hostile-\(getpid())")
        let script = testsFolder.appendingPathComponent("Hostile/make_hostile.py").path
        let result = Subprocess.run("/usr/bin/env", ["python3", script, folder.path])
        precondition(result.status == 0, "make_hostile.py failed: \(result.standardError)")
        return folder
    }()

    static func hostile(_ name: String) -> String { hostile.appendingPathComponent(name).path }

    /// A fresh temporary folder for one test.
    static func temporaryFolder(_ label: String = "test") -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("lixiao-\(label)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Runs real programs (python3, soffice) and collects what they print.
enum Subprocess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            return Result(status: -1, standardOutput: "", standardError: "\(error)")
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// Converts `file` with headless LibreOffice into `folder` (`format` such as `csv` or `xlsx`).
    static func libreOfficeConvert(_ file: String, to format: String, into folder: URL) -> Result {
        run(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=file:///tmp/lixiao-test-lo-\(getpid())", "--headless",
                "--convert-to", format, "--outdir", folder.path, file,
            ])
    }
}

/// Reads every sheet of a file as text grids, for compact assertions.
func readTexts(_ path: String, sheet: Int = 0) throws -> [[String]] {
    try SpreadsheetReader(path: path).rows(inSheet: sheet).map { $0.cells.map(\.text) }
}
