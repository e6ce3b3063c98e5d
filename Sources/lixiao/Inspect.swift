import ArgumentParser
import Sheets

/// `lixiao inspect FILE`: shows what lixiao reads from a file, or exactly why it refuses it.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what lixiao reads from a spreadsheet file, or why it refuses it.",
        discussion: """
            Reads .xlsx, legacy .xls and .csv (UTF-8, UTF-8 with BOM, GB18030/GBK) by content, whatever the \
            file is named. Exits 65 with a message naming the file, sheet and cell when the file is refused.
            """
    )

    @Argument(help: "The file to read.", completion: .file())
    var file: String

    @Flag(help: "Print JSON: {\"format\", \"encoding\", \"sheets\": [{\"name\", \"rows\": [[cell text, …], …]}]}.")
    var json = false

    @Option(help: "Show only this sheet (its name or 1-based number).")
    var sheet: String?

    @Option(help: "Rows to show per sheet in the table view (0 for all). JSON always holds every row.")
    var rows = 20

    func validate() throws {
        guard rows >= 0 else { throw ValidationError("--rows must be 0 or more.") }
    }

    func run() throws {
        let reader: SpreadsheetReader
        do {
            reader = try SpreadsheetReader(path: file)
        } catch {
            if json { print(InspectJSON.error(error)) }
            printError("error: \(error)")
            if case .unreadable = error.problem { throw ExitStatus.noInput }
            throw ExitStatus.dataError
        }
        let chosen = try chosenSheets(reader)
        do {
            if json {
                print(try InspectJSON.render(reader, sheets: chosen))
            } else {
                try InspectTable.render(reader, sheets: chosen, rowLimit: rows)
            }
        } catch let error as SheetError {
            if json { print(InspectJSON.error(error)) }
            printError("error: \(error)")
            throw ExitStatus.dataError
        }
    }

    private func chosenSheets(_ reader: SpreadsheetReader) throws -> [Int] {
        guard let sheet else { return Array(reader.sheets.indices) }
        if let index = reader.sheets.firstIndex(where: { $0.name == sheet }) { return [index] }
        if let number = Int(sheet), reader.sheets.indices.contains(number - 1) { return [number - 1] }
        let names = reader.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        throw usageError("no sheet \"\(sheet)\" in \(reader.fileName); it has \(names)")
    }
}
