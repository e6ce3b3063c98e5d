/// Handlers for the small parts of an xlsx package: relationships and the workbook's sheet list.

/// One `<Relationship>` of a `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool
}

/// Collects the relationships of one `.rels` part.
final class RelationshipsHandler: XMLEventHandler {
    private(set) var relationships: [Relationship] = []
    let shouldStop = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        guard name.is("Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") else {
            return
        }
        relationships.append(
            Relationship(
                id: id, type: attributes.string("Type") ?? "", target: target,
                isExternal: attributes.string("TargetMode") == "External"))
    }

    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Collects the sheet list and date system of `workbook.xml`.
final class WorkbookHandler: XMLEventHandler {
    struct SheetReference {
        var name: String
        var relationshipID: String
        var isHidden: Bool
    }

    private(set) var sheets: [SheetReference] = []
    private(set) var uses1904Dates = false
    let shouldStop = false

    func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("sheet"), let sheetName = attributes.string("name"), let id = attributes.string("id") {
            let state = attributes.string("state") ?? "visible"
            sheets.append(SheetReference(name: sheetName, relationshipID: id, isHidden: state != "visible"))
        } else if name.is("workbookPr"), let value = attributes.string("date1904") {
            uses1904Dates = value == "1" || value.lowercased() == "true"
        }
    }

    func endElement(_ name: XMLName) {}
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

/// Part names inside a package: resolving relationship targets without ever leaving the package.
enum PartName {
    /// Resolves `target` against the folder of `source` ("" for the package root); an absolute target
    /// (`/xl/worksheets/sheet1.xml`, as WPS writes) starts at the root. Returns `nil` for a target that climbs
    /// out of the package.
    static func resolve(_ target: String, from source: String) -> String? {
        var segments: [Substring]
        if target.hasPrefix("/") {
            segments = []
        } else {
            segments = source.split(separator: "/", omittingEmptySubsequences: true)
            if !segments.isEmpty { segments.removeLast() }  // the source part's own name
        }
        for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// The `.rels` part that holds the relationships of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
    }
}
