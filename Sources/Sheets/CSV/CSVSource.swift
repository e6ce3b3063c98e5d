internal import CCSV

/// Reads a CSV file through libcsv, after `TextDecoding` has turned it into UTF-8.
///
/// Row numbers count every line a spreadsheet program would show, blank ones included, so an error names the
/// row a person sees; quoted fields may hold commas and line breaks; CRLF, LF and CR all end a record. A tab-
/// separated file (Excel's "Unicode text") is recognised by its first line.
final class CSVSource: SheetSource {
    private let text: [UInt8]
    private let fileName: String
    private let delimiter: UInt8
    let sheets: [SheetInfo]
    let encoding: String

    init(bytes: UnsafeRawBufferPointer, fileName: String) throws(SheetError) {
        self.fileName = fileName
        do throws(SheetError.Problem) {
            let decoded = try TextDecoding.decode(bytes)
            text = decoded.text
            encoding = decoded.encoding
        } catch {
            throw SheetError(file: fileName, problem: error)
        }
        let firstLine = text.prefix { $0 != 0x0A && $0 != 0x0D }
        // Commas, unless the first line has none and has tabs (Excel's "Unicode text") or semicolons (Excel in
        // locales whose decimal mark is a comma).
        if firstLine.contains(0x2C) {
            delimiter = 0x2C
        } else if firstLine.contains(0x09) {
            delimiter = 0x09
        } else if firstLine.contains(0x3B) {
            delimiter = 0x3B
        } else {
            delimiter = 0x2C
        }
        var stem = fileName
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = String(stem[..<dot]) }
        sheets = [SheetInfo(name: stem)]
    }

    /// The corresponding C functions are `csv_init`, `csv_parse` and `csv_fini`.
    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            let collector = Collector(emit: body)
            var parser = csv_parser()
            guard csv_init(&parser, lixiao_csv_strict_options() | UInt8(CSV_REPALL_NL)) == 0 else {
                throw SheetError(file: fileName, problem: .csv(CSVError(code: CSV_ENOMEM, line: 1)))
            }
            defer { csv_free(&parser) }
            csv_set_delim(&parser, delimiter)
            csv_set_space_func(&parser) { $0 == 0x20 ? 1 : 0 }
            let context = Unmanaged.passUnretained(collector).toOpaque()
            let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
                field, length, context in
                guard let context else { return }
                Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().field(field, length)
            }
            let recordCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, context in
                guard let context else { return }
                Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().record(terminator)
            }
            let parsed = text.withUnsafeBytes { raw in
                csv_parse(&parser, raw.baseAddress, raw.count, fieldCallback, recordCallback, context)
            }
            if let error = collector.consumerError { throw error }
            guard parsed == text.count, csv_fini(&parser, fieldCallback, recordCallback, context) == 0 else {
                let line = text.prefix(parsed).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw SheetError(
                    file: fileName, problem: .csv(CSVError(code: csv_error(&parser), line: line)),
                    sheet: sheets[index].name)
            }
            if let error = collector.consumerError { throw error }
        }
    }

    /// Gathers fields into rows and numbers them as a spreadsheet would.
    private final class Collector {
        let emit: (Row) throws -> Void
        var cells: [Cell] = []
        var line = 1
        var lastTerminator: Int32 = 0
        var fieldsSinceTerminator = false
        var consumerError: (any Error)?

        init(emit: @escaping (Row) throws -> Void) { self.emit = emit }

        func field(_ bytes: UnsafeMutableRawPointer?, _ length: Int) {
            fieldsSinceTerminator = true
            guard let bytes, length > 0 else {
                cells.append(.empty)
                return
            }
            cells.append(.string(String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)))
        }

        func record(_ terminator: Int32) {
            defer {
                lastTerminator = terminator
                fieldsSinceTerminator = false
            }
            // The LF of a CRLF pair ends nothing new.
            if terminator == 0x0A, lastTerminator == 0x0D, !fieldsSinceTerminator { return }
            while let last = cells.last, last.isEmpty { cells.removeLast() }
            if !cells.isEmpty, consumerError == nil {
                do { try emit(Row(number: line, cells: cells)) } catch { consumerError = error }
            }
            cells.removeAll(keepingCapacity: true)
            line += 1
        }
    }
}
