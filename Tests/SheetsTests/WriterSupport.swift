import Foundation

@testable import Sheets

/// A row without its trailing empty cells, as the reader yields it.
func trimmed(_ row: [String]) -> [String] {
    var row = row
    while row.last == "" { row.removeLast() }
    return row
}

func permissions(of path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
}

/// Splits RFC 4180 text into rows of fields; quoted fields may hold commas, quotes and line breaks.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending = scalars.next()
    while let scalar = pending {
        pending = scalars.next()
        if quoted {
            if scalar == "\"" {
                if pending == "\"" {
                    field.unicodeScalars.append("\""); pending = scalars.next()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if scalar == "," {
            row.append(field)
            field = ""
        } else if scalar == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
}

/// A required program that failed or is missing; the message says how to get it.
struct RequiredToolFailure: Error, CustomStringConvertible {
    var description: String
}

enum LibreOffice {
    /// The CSV filter: comma, double quote, UTF-8 (76), first line 1, and (last token -1) every sheet to its own
    /// `<name>-<sheet>.csv`, hidden sheets included (LibreOffice 7.4).
    static let everySheetFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    /// Converts every sheet of `file` to UTF-8 CSV in `folder`, with a profile of its own so that no other
    /// LibreOffice run in this process can take the request over.
    static func convertEverySheetToCSV(_ file: String, into folder: URL) throws -> String {
        let profile = folder.appendingPathComponent("profile").path
        let result = Subprocess.run(
            "/usr/bin/env",
            [
                "soffice", "-env:UserInstallation=file://\(profile)", "--headless", "--convert-to", everySheetFilter,
                "--outdir", folder.path, file,
            ])
        guard result.status == 0 else {
            throw RequiredToolFailure(
                description: "LibreOffice (soffice) is required for the writer tests — apt-get install "
                    + "libreoffice-calc-nogui (make deps); it exited \(result.status): \(result.standardError)")
        }
        return result.standardOutput + result.standardError
    }
}

/// What `Scripts/check_workbook.py` reports about a workbook through openpyxl and its zip.
struct WorkbookReport: Decodable, Sendable {
    struct Properties: Decodable, Sendable {
        var title: String?
        var subject: String?
        var creator: String?
        var keywords: String?
        var created: String?
    }

    struct Sheet: Decodable, Sendable {
        var name: String
        var state: String
        var freezePanes: String?
        var protected: Bool
        var hasPassword: Bool
        var blocked: [String: Bool]
        var autoFilter: String?
        var merged: [String]
        var validations: [Validation]
        var columnWidths: [String: Double]
        var print: Print
        var cells: [String: CellInfo]
    }

    struct Validation: Decodable, Sendable {
        var type: String?
        var sqref: String
        var formula1: String?
        var promptTitle: String?
        var errorTitle: String?
    }

    struct Print: Decodable, Sendable {
        var paperSize: String?
        var orientation: String?
        var fitToWidth: Int?
        var fitToHeight: Int?
        var fitToPage: Bool
        var titleRows: String?
        var header: String?
        var footer: String?
        var footerRight: String?
        var centeredHorizontally: Bool
    }

    struct CellInfo: Decodable, Sendable {
        var value: Scalar?
        var type: String
        var format: String
        var locked: Bool
    }

    /// A cell value as JSON holds it.
    enum Scalar: Decodable, Sendable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    struct Charts: Decodable, Sendable {
        var chartParts: [String]
        var sheets: [String: [Chart]]
    }

    struct Chart: Decodable, Sendable {
        var kinds: [String]
        var title: String?
        var barDir: String?
        var grouping: String?
        var series: [Series]
        var axes: [String: String?]
        var categoryAxis: CategoryAxis?
        /// Each series' marker symbol (`none`, `circle`…), `nil` where the chart type has none.
        var markers: [String?]
        var valueLabels: [Bool]
        /// Each series' colour as `RRGGBB`, `nil` for the application's palette.
        var colors: [String?]
        var pointColors: [[String?]]
        /// Where the legend stands (`b`, `r`…), `nil` for no legend.
        var legend: String?
        /// The gap between categories' bars, per cent of a bar; `nil` for the default.
        var gapWidth: Int?
    }

    struct CategoryAxis: Decodable, Sendable {
        var labelEvery: Int?
        /// Degrees; `nil` where the application chooses.
        var angle: Int?
        var fontSize: Double?
        var reversed: Bool
        var valueAxisCrosses: String?
        /// Where the value axis starts; `nil` when the application chooses.
        var valueAxisMinimum: Double?
    }

    struct Series: Decodable, Sendable {
        var name: String
        var categories: String
        var values: String
    }

    var properties: Properties
    var activeSheet: String?
    var sheets: [Sheet]
    var charts: Charts

    func sheet(_ name: String) throws -> Sheet {
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw RequiredToolFailure(description: "openpyxl found no sheet \(name) in \(sheets.map(\.name))")
        }
        return sheet
    }
}

enum Openpyxl {
    /// The report on the shared sample workbook, made once.
    static let sampleReport: Result<WorkbookReport, any Error> = Result {
        try report(for: try WriterSample.path())
    }

    static func sample() throws -> WorkbookReport { try sampleReport.get() }

    /// Runs `check_workbook.py` on `path`, failing with instructions when python3 or openpyxl is missing.
    static func report(for path: String, maxRows: Int = 60) throws -> WorkbookReport {
        let script = Paths.scripts.appendingPathComponent("check_workbook.py").path
        let result = Subprocess.run("/usr/bin/env", ["python3", script, path, String(maxRows)])
        guard result.status == 0 else {
            throw RequiredToolFailure(
                description: "python3 with openpyxl is required for the writer tests — make deps installs them; "
                    + "check_workbook.py exited \(result.status): \(result.standardError)")
        }
        return try JSONDecoder().decode(WorkbookReport.self, from: Data(result.standardOutput.utf8))
    }
}
