import Foundation
import Sheets
import Testing

/// Reading generated workbooks back for the college, statistics and notice tests: with the project's reader,
/// with openpyxl (`Scripts/college_check.py`) and with headless LibreOffice.
enum Probe {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    /// Every sheet of `path` as text grids, by sheet name.
    static func sheets(_ path: String) throws -> [String: [[String]]] {
        let reader = try SpreadsheetReader(path: path)
        var result: [String: [[String]]] = [:]
        for (index, sheet) in reader.sheets.enumerated() {
            result[sheet.name] = try reader.rows(inSheet: index).map { $0.cells.map(\.text) }
        }
        return result
    }

    /// The rows of `sheet` below the first row whose first cell is `header`.
    static func rows(_ path: String, sheet: String, below header: String) throws -> [[String]] {
        let grid = try sheets(path)[sheet] ?? []
        guard let headerIndex = grid.firstIndex(where: { $0.first == header }) else { return [] }
        return Array(grid[(headerIndex + 1)...])
    }

    /// The row of `sheet` whose first cell is `first`.
    static func row(_ path: String, sheet: String, first: String) throws -> [String]? {
        try sheets(path)[sheet]?.first { $0.first == first }
    }

    /// Writes one output into a fresh folder with `body` and returns its path.
    static func output(_ fileName: String, _ body: (String) throws -> Void) throws -> String {
        let path = ReportsSample.temporaryFolder("out").appendingPathComponent(fileName).path
        try body(path)
        return path
    }

    /// What openpyxl sees in `path`.
    static func openpyxl(_ path: String) throws -> ProbeReport {
        let result = run("/usr/bin/env", ["python3", scripts.appendingPathComponent("college_check.py").path, path])
        guard result.status == 0 else {
            throw ProbeFailure(
                "python3 with openpyxl is required (make deps); college_check.py exited \(result.status): "
                    + result.error)
        }
        return try JSONDecoder().decode(ProbeReport.self, from: Data(result.output.utf8))
    }

    /// Converts every sheet of each file to UTF-8 CSV in `folder` with one headless LibreOffice run, and returns
    /// the CSV texts by file name (`<file>-<sheet>.csv`).
    static func libreOfficeCSV(_ files: [String], into folder: URL) throws -> [String: String] {
        // Comma, double quote, UTF-8, from line 1, cells as shown (formatted), every sheet to its own file.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        let result = run(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=file:///tmp/lo-reportsB", "--headless", "--convert-to", filter,
                "--outdir", folder.path,
            ] + files)
        guard result.status == 0 else {
            throw ProbeFailure(
                "LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui (make deps); it exited "
                    + "\(result.status): \(result.error)")
        }
        if result.error.localizedCaseInsensitiveContains("error") {
            throw ProbeFailure("LibreOffice reported an error: \(result.error)")
        }
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".csv") {
            texts[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return texts
    }

    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            return (-1, "", "\(error)")
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

/// A required program that failed or is missing; the message says how to get it.
struct ProbeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// What `Scripts/college_check.py` prints.
struct ProbeReport: Decodable {
    struct Sheet: Decodable {
        var name: String
        var freezePanes: String?
        var protected: Bool
        var autoFilter: String?
        var validations: [Validation]
        var unlockedCells: [String]
        var print: Print
        var cells: [String: CellInfo]
    }

    struct Validation: Decodable {
        var type: String?
        var sqref: String
        var formula1: String?
    }

    struct Print: Decodable {
        var paperSize: String?
        var orientation: String?
        var fitToWidth: Int?
        var fitToHeight: Int?
        var fitToPage: Bool
    }

    struct CellInfo: Decodable {
        /// The value as text (numbers as JSON prints them).
        var value: String
        var type: String
        var format: String

        enum CodingKeys: String, CodingKey { case value, type, format }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            format = try container.decode(String.self, forKey: .format)
            if let text = try? container.decode(String.self, forKey: .value) {
                value = text
            } else if let number = try? container.decode(Double.self, forKey: .value) {
                value = "\(number)"
            } else {
                value = "\(try container.decode(Bool.self, forKey: .value))"
            }
        }
    }

    /// One chart as the zip holds it.
    struct Chart: Decodable {
        /// `barChart`, `lineChart`, `pieChart`.
        var kind: String
        /// `bar` (horizontal) or `col` for bar charts.
        var barDir: String?
        var grouping: String?
        var title: String?
        var series: [String]
        /// Each series' colour as `RRGGBB`, `nil` for the application's palette.
        var colors: [String?]
        /// A pie's slice colours.
        var pointColors: [String?]
        var categoryCount: Int
        /// The category axis's interval unit; `nil` for none (pies).
        var labelEvery: Int?
        /// The category labels' angle in degrees; `nil` where the application chooses.
        var labelAngle: Int?
        var topDown: Bool
        var markers: [String?]
        var valueLabels: Bool
        /// Where the legend stands (`b`, `r`), `nil` for none.
        var legend: String?
        /// The gap between groups of bars, per cent of a bar; `nil` for the default.
        var gapWidth: Int?
        var anchor: Anchor

        struct Anchor: Decodable {
            var firstRow: Int
            var firstColumn: Int
            var lastRow: Int
            var lastColumn: Int
        }
    }

    var title: String?
    var sheets: [Sheet]
    var chartCount: Int
    /// Each sheet's charts in drawing order.
    var charts: [String: [Chart]]

    subscript(sheet name: String) -> Sheet? { sheets.first { $0.name == name } }
}
