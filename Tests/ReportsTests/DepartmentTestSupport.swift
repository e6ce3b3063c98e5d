import Clearance
import Foundation
import Sheets

@testable import Reports

/// A required program that failed or is missing; the message says how to get it.
struct DepartmentToolFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs the real clients the department-side tests check against: LibreOffice and python3 with openpyxl.
enum DepartmentTools {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    /// LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from line 1, and (last token -1) every sheet to
    /// its own `<file>-<sheet>.csv`, hidden sheets included.
    static let csvEverySheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `arguments` through `/usr/bin/env`, so programs are found on the PATH.
    static func run(_ arguments: [String]) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            return Output(status: -1, standardOutput: "", standardError: "\(error)")
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// Converts `files` in one headless LibreOffice run into `folder`, with a profile of its own (`label`) so
    /// that concurrent conversions do not take each other's requests over.
    static func libreOffice(_ files: [String], to filter: String, into folder: URL, label: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let profile = "file:///tmp/lo-reportsA-\(getpid())-\(label)"
        let result = run(
            [
                "soffice", "-env:UserInstallation=\(profile)", "--headless", "--convert-to", filter, "--outdir",
                folder.path,
            ]
                + files)
        guard result.status == 0 else {
            throw DepartmentToolFailure(
                description: "LibreOffice (soffice) is required for the report tests — apt-get install "
                    + "libreoffice-calc-nogui; it exited \(result.status): \(result.standardError)")
        }
        for file in files {
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let made = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            guard made.contains(where: { $0.hasPrefix(stem) }) else {
                throw DepartmentToolFailure(
                    description: "LibreOffice did not convert \(file) to \(filter): \(result.standardOutput) "
                        + result.standardError)
            }
        }
    }

    /// What `Scripts/department_check.py` reports for each of `files`, keyed by path.
    static func openpyxlReports(_ files: [String]) throws -> [String: DepartmentCheck] {
        let script = scripts.appendingPathComponent("department_check.py").path
        let result = run(["python3", script] + files)
        guard result.status == 0 else {
            throw DepartmentToolFailure(
                description: "python3 with openpyxl is required for the report tests — python3 -m pip install "
                    + "openpyxl; department_check.py exited \(result.status): \(result.standardError)")
        }
        return try JSONDecoder().decode([String: DepartmentCheck].self, from: Data(result.standardOutput.utf8))
    }

    /// Loads `input` with openpyxl and saves it as `output`, as a script editing a returned sheet would.
    static func openpyxlResave(_ input: String, to output: String) throws {
        let script = scripts.appendingPathComponent("department_check.py").path
        let result = run(["python3", script, "--resave", input, output])
        guard result.status == 0 else {
            throw DepartmentToolFailure(
                description: "python3 with openpyxl is required for the report tests — python3 -m pip install "
                    + "openpyxl; department_check.py --resave exited \(result.status): \(result.standardError)")
        }
    }

    /// The text of every non-empty row of the sheet named `name` (the first sheet when `nil`).
    static func texts(_ path: String, sheet name: String? = nil) throws -> [[String]] {
        let reader = try SpreadsheetReader(path: path)
        guard let index = name.map({ name in reader.sheets.firstIndex { $0.name == name } }) ?? 0 else {
            throw DepartmentToolFailure(description: "no sheet \(name ?? "") in \(path): \(reader.sheets)")
        }
        return try reader.rows(inSheet: index).map { $0.cells.map(\.text) }
    }

    /// The origin embedded in the file at `path`.
    static func origin(_ path: String) throws -> Origin? {
        try Origin.read(from: try SpreadsheetReader(path: path), signer: .sample)
    }

    /// Splits RFC 4180 text into rows of fields; quoted fields may hold commas, quotes and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
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
                        field.unicodeScalars.append("\"")
                        pending = scalars.next()
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
            } else if scalar != "\r" {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}

/// What `department_check.py` reports about one workbook.
struct DepartmentCheck: Decodable, Sendable {
    struct Properties: Decodable, Sendable {
        var title: String?
        var creator: String?
        var company: String?
    }

    struct Sheet: Decodable, Sendable {
        var name: String
        var state: String
        var protected: Bool
        var blocked: [String: Bool]
        var freezePanes: String?
        var autoFilter: String?
        var merged: [String]
        var validations: [Validation]
        var print: Print
        var columnLocks: [String: String]
        var firstRowFormats: [String: String]
        var columnWidths: [String: Double]
        var cells: [String: CellInfo]
    }

    struct Validation: Decodable, Sendable, Equatable {
        var type: String?
        var sqref: String
        var formula1: String?
    }

    struct Print: Decodable, Sendable {
        var paperSize: String?
        var orientation: String?
        var fitToWidth: Int?
        var fitToPage: Bool
        var titleRows: String?
    }

    struct CellInfo: Decodable, Sendable {
        var value: Value?
        var type: String
        var format: String
        var locked: Bool
        /// The font colour as `FFRRGGBB`, or `nil` for automatic.
        var color: String?
    }

    /// A cell value as JSON holds it.
    enum Value: Decodable, Sendable, Equatable {
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

    var properties: Properties
    var hiddenSheets: [String]
    var sheets: [Sheet]

    func sheet(_ name: String) throws -> Sheet {
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw DepartmentToolFailure(description: "openpyxl found no sheet \(name) in \(sheets.map(\.name))")
        }
        return sheet
    }
}
