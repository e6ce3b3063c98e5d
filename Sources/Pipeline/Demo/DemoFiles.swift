import Clearance
import Foundation
import Glibc
import Reports
import Sheets

/// The files people drop during the demo season, written the way their programs would write them.
enum DemoFiles {
    /// The creation time the demo's workbooks carry (2027-05-31 00:00 UTC), so the same seed gives the same bytes:
    /// the ledger records each file by its hash.
    static let created: Int64 = 1_811_721_600
    /// The registrar's export: a title row, then the registry columns, IDs as numbers (as Excel keeps them).
    static func registry(_ people: DemoPeople, to path: String) throws {
        let workbook = try WorkbookWriter(path: path, options: .init(constantMemory: true))
        try workbook.setProperties(DocumentProperties(createdUnixTime: created))
        let sheet = try workbook.addSheet("学籍信息")
        try sheet.write("2027届毕业生学籍信息（学籍系统导出）", row: 0, column: 0)
        let header = ["学号", "姓名", "性别", "学院", "专业", "班级", "培养层次", "导师工号", "导师姓名", "公寓楼", "房间", "离校批次", "身份证号"]
        for (column, text) in header.enumerated() { try sheet.write(text, row: 1, column: column) }
        for (index, entry) in people.entries.enumerated() {
            let person = entry.person
            let row = index + 2
            try sheet.write(Double(person.id.rawValue) ?? 0, row: row, column: 0)
            let values = [
                person.name, person.gender, person.college, person.major, person.className, person.level,
                person.advisorID, person.advisorName, person.building, person.room, entry.batchText,
                "11010119990101" + String(format: "%04d", index % 10_000),
            ]
            for (offset, text) in values.enumerated() where !text.isEmpty {
                try sheet.write(text, row: row, column: offset + 1)
            }
        }
        try workbook.close()
    }

    /// A sheet as staff return it: the export's cells with some edited, saved again with the export's origin.
    struct Sheet {
        var origin: Origin?
        var rows: [[String]]
        /// Verifies the origin read and signs it again when written.
        var signer: OriginSigner?

        /// Reads the first visible sheet and the origin of a generated workbook.
        init(reading path: String, signer: OriginSigner) throws {
            let reader = try SpreadsheetReader(path: path)
            origin = try Origin.read(from: reader, signer: signer)
            self.signer = signer
            let first = reader.sheets.firstIndex { !$0.isHidden } ?? 0
            var rows: [[String]] = []
            for row in try reader.rows(inSheet: first) {
                while rows.count < row.number - 1 { rows.append([]) }
                rows.append(row.cells.map(\.text))
            }
            self.rows = rows
        }

        init(rows: [[String]]) {
            origin = nil
            self.rows = rows
        }

        /// The column whose header (in the first ten rows) is `header`, and the header's row.
        func column(_ header: String) -> (row: Int, column: Int)? {
            for (index, row) in rows.prefix(10).enumerated() {
                if let column = row.firstIndex(of: header) { return (index, column) }
            }
            return nil
        }

        mutating func set(_ row: Int, _ column: Int, _ text: String) {
            while rows[row].count <= column { rows[row].append("") }
            rows[row][column] = text
        }

        /// Writes the sheet as an xlsx (IDs as text), with the origin when it has one.
        func writeXlsx(to path: String) throws {
            let workbook = WorkbookBuilder()
            try workbook.setProperties(DocumentProperties(createdUnixTime: DemoFiles.created))
            let sheet = try workbook.addSheet("lixiao")
            for (row, cells) in rows.enumerated() {
                for (column, text) in cells.enumerated() where !text.isEmpty {
                    if column == 0, text.allSatisfy(\.isNumber) {
                        try sheet.writeID(text, row: row, column: column)
                    } else {
                        try sheet.write(text, row: row, column: column)
                    }
                }
            }
            if let origin, let signer { try origin.write(into: workbook, signer: signer) }
            try workbook.model.write(to: path)
        }

        /// Writes the sheet as CSV in GB18030, as Chinese Windows Excel saves "CSV (逗号分隔)".
        func writeGBKCSV(to path: String) throws {
            let text = rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
            try Data(Self.gb18030(text)).write(to: URL(fileURLWithPath: path))
        }

        /// Encodes UTF-8 text as GB18030 with glibc's iconv.
        ///
        /// The corresponding C functions are `iconv_open`, `iconv` and `iconv_close`.
        static func gb18030(_ text: String) throws -> [UInt8] {
            let converter = iconv_open("GB18030", "UTF-8")
            guard converter != iconv_t(bitPattern: -1) else { throw DemoError("iconv has no GB18030") }
            defer { iconv_close(converter) }
            var input = Array(text.utf8)
            var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
            let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuffer.count
                    var outLeft = outBuffer.count
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                    return outBuffer.count - outLeft
                }
            }
            guard let produced else { throw DemoError("text cannot be encoded as GB18030") }
            return Array(output.prefix(produced))
        }

        private static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// Converts an xlsx to legacy .xls with LibreOffice when it is installed; returns the .xls path or nil.
    static func convertToXls(_ path: String, into folder: String) -> String? {
        let candidates = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        guard let soffice = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file:///tmp/lixiao-demo-lo-\(getpid())", "--headless",
            "--convert-to", "xls", "--outdir", folder, path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        let output = folder + "/" + ((path as NSString).lastPathComponent as NSString).deletingPathExtension + ".xls"
        return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: output) ? output : nil
    }
}

struct DemoError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
