/// Reads an Office Open XML workbook (`.xlsx`, `.xlsm`) as written by Excel, WPS, LibreOffice or openpyxl.
///
/// The package is walked the way OPC defines it (root relationships → workbook → its relationships), so
/// absolute targets, unusual part names and missing optional parts (no shared strings, no styles) all work.
final class XlsxSource: SheetSource {
    private struct SheetPart {
        var info: SheetInfo
        var part: String
    }

    private let zip: ZipArchive
    private let fileName: String
    private let limits: ReadLimits
    private let parts: [SheetPart]
    private let sharedStringsPart: String?
    private let styles: CellStyles
    private let uses1904: Bool
    private var sharedStrings: [String]?

    var sheets: [SheetInfo] { parts.map(\.info) }
    let encoding = "UTF-8"

    init(zip: ZipArchive, fileName: String, limits: ReadLimits) throws(SheetError) {
        self.zip = zip
        self.fileName = fileName
        self.limits = limits
        do throws(SheetError.Problem) {
            let workbookPart = try Self.officeDocument(zip)
            let workbook = WorkbookHandler()
            try XMLPushParser.parse(try zip.readAll(workbookPart), part: workbookPart, handler: workbook)
            let relationships = try Self.relationships(of: workbookPart, in: zip)
            var parts: [SheetPart] = []
            for sheet in workbook.sheets {
                guard let relationship = relationships.first(where: { $0.id == sheet.relationshipID }),
                    relationship.type.hasSuffix("/worksheet"), !relationship.isExternal,
                    let part = PartName.resolve(relationship.target, from: workbookPart)
                else { continue }  // chart sheets, dialog sheets and macro sheets hold no cells
                parts.append(SheetPart(info: SheetInfo(name: sheet.name, isHidden: sheet.isHidden), part: part))
            }
            guard !parts.isEmpty else { throw SheetError.Problem.noWorksheet }
            self.parts = parts
            self.uses1904 = workbook.uses1904Dates
            sharedStringsPart = relationships.first { $0.type.hasSuffix("/sharedStrings") }
                .flatMap { PartName.resolve($0.target, from: workbookPart) }
            if let stylesPart = relationships.first(where: { $0.type.hasSuffix("/styles") })
                .flatMap({ PartName.resolve($0.target, from: workbookPart) }), zip.contains(stylesPart)
            {
                let handler = StylesHandler()
                try XMLPushParser.parse(try zip.readAll(stylesPart), part: stylesPart, handler: handler)
                styles = handler.styles
            } else {
                styles = CellStyles()
            }
        } catch {
            throw SheetError(file: fileName, problem: error)
        }
    }

    func forEachRow(inSheet index: Int, _ body: (Row) throws -> Void) throws {
        let sheet = parts[index]
        let strings: [String]
        do throws(SheetError.Problem) {
            strings = try loadSharedStrings()
        } catch {
            throw SheetError(file: fileName, problem: error)
        }
        try withoutActuallyEscaping(body) { body in
            let handler = WorksheetHandler(
                sharedStrings: strings, styles: styles, uses1904: uses1904, limits: limits,
                emit: body)
            do throws(SheetError.Problem) {
                let parser = try XMLPushParser(part: sheet.part, handler: handler)
                try zip.read(sheet.part) { (chunk) throws(SheetError.Problem) in
                    guard !handler.shouldStop else { return }
                    try parser.feed(chunk)
                }
                if !handler.shouldStop { try parser.finish() }
            } catch {
                throw SheetError(file: fileName, problem: error, sheet: sheet.info.name)
            }
            if let consumerError = handler.consumerError { throw consumerError }
            if let problem = handler.problem {
                throw SheetError(file: fileName, problem: problem, sheet: sheet.info.name, cell: handler.problemCell)
            }
        }
    }

    private func loadSharedStrings() throws(SheetError.Problem) -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        if let part = sharedStringsPart, zip.contains(part) {
            let handler = SharedStringsHandler(maxCharacters: limits.maxCellCharacters)
            let parser = try XMLPushParser(part: part, handler: handler)
            try zip.read(part) { (chunk) throws(SheetError.Problem) in try parser.feed(chunk) }
            try parser.finish()
            strings = handler.strings
        }
        sharedStrings = strings
        return strings
    }

    /// The workbook part named by the package's root relationships (`xl/workbook.xml` when they say nothing).
    private static func officeDocument(_ zip: ZipArchive) throws(SheetError.Problem) -> String {
        if zip.contains("_rels/.rels") {
            let relationships = try relationships(of: "", in: zip)
            if let document = relationships.first(where: { $0.type.hasSuffix("/officeDocument") }),
                let part = PartName.resolve(document.target, from: ""), zip.contains(part)
            {
                return part
            }
        }
        guard zip.contains("xl/workbook.xml") else { throw .missingPart("xl/workbook.xml") }
        return "xl/workbook.xml"
    }

    private static func relationships(of part: String, in zip: ZipArchive) throws(SheetError.Problem)
        -> [Relationship]
    {
        let relsPart = part.isEmpty ? "_rels/.rels" : PartName.relationships(of: part)
        guard zip.contains(relsPart) else { throw .missingPart(relsPart) }
        let handler = RelationshipsHandler()
        try XMLPushParser.parse(try zip.readAll(relsPart), part: relsPart, handler: handler)
        return handler.relationships
    }
}
