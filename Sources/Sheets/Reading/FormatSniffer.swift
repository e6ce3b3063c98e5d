/// Decides what a file is from its bytes, never from its name alone.
///
/// Staff rename files freely: an `.xls` may be an xlsx, an HTML page from an old portal, or a real BIFF
/// workbook. The name only decides between CSV and "text with a spreadsheet name", and marks WPS `.et` files.
enum FormatSniffer {
    enum Verdict: Equatable {
        case zipContainer
        case compoundFile
        case text
        case foreign(ForeignFormat)
    }

    static func sniff(_ head: UnsafeRawBufferPointer, fileName: String) -> Verdict {
        let bytes = Array(head.prefix(4096))
        let ext = fileExtension(fileName)
        if ext == "et" || ext == "ett" { return .foreign(.wpsSpreadsheet) }
        if starts(bytes, [0x50, 0x4B, 0x03, 0x04]) || starts(bytes, [0x50, 0x4B, 0x05, 0x06]) { return .zipContainer }
        if starts(bytes, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .compoundFile }
        if starts(bytes, Array("%PDF".utf8)) { return .foreign(.pdf) }
        if starts(bytes, [0x89, 0x50, 0x4E, 0x47]) || starts(bytes, [0xFF, 0xD8, 0xFF])
            || starts(bytes, Array("GIF8".utf8))
        {
            return .foreign(.image)
        }
        if starts(bytes, Array("{\\rtf".utf8)) { return .foreign(.wordDocument) }
        if bytes.contains(0) { return .foreign(.unknownBinary) }
        let lowered = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        if lowered.contains("<html") || lowered.contains("<table") || lowered.contains("<!doctype html") {
            return .foreign(.htmlPage)
        }
        if lowered.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || lowered.contains("progid=\"excel.sheet\"")
        {
            return .foreign(.excel2003XML)
        }
        if ["xlsx", "xlsm", "xls"].contains(ext) { return .foreign(.plainTextWithSpreadsheetName) }
        return .text
    }

    /// Classifies a zip container by the entries it lists.
    static func classifyZip(entryNames: [String]) -> ForeignFormat? {
        let lowered = Set(entryNames.map { $0.lowercased() })
        if lowered.contains("[content_types].xml"), lowered.contains(where: { $0.hasPrefix("xl/") }) { return nil }
        if lowered.contains("xl/workbook.xml") { return nil }
        if lowered.contains("mimetype") || lowered.contains("content.xml") { return .openDocument }
        if lowered.contains(where: { $0.hasPrefix("word/") }) { return .wordDocument }
        if lowered.contains(where: { $0.hasPrefix("ppt/") }) { return .presentation }
        if lowered.contains(where: { $0.hasPrefix("index/") && $0.hasSuffix(".iwa") }) { return .appleNumbers }
        return .zipArchive
    }

    /// Classifies an OLE2 compound file: a legacy workbook, or an encrypted OOXML package, or something else.
    enum CompoundKind: Equatable { case workbook, encryptedPackage, foreign(ForeignFormat) }

    static func classifyCompound(_ bytes: UnsafeRawBufferPointer) -> CompoundKind {
        if contains(bytes, utf16: "EncryptedPackage") { return .encryptedPackage }
        if contains(bytes, utf16: "Workbook") || contains(bytes, utf16: "Book") { return .workbook }
        if contains(bytes, utf16: "WordDocument") { return .foreign(.wordDocument) }
        if contains(bytes, utf16: "PowerPoint Document") { return .foreign(.presentation) }
        return .foreign(.unknownBinary)
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    private static func starts(_ bytes: [UInt8], _ magic: [UInt8]) -> Bool {
        bytes.count >= magic.count && Array(bytes.prefix(magic.count)) == magic
    }

    /// Whether a UTF-16LE directory name occurs in the compound file's bytes.
    private static func contains(_ haystack: UnsafeRawBufferPointer, utf16 needle: String) -> Bool {
        var pattern: [UInt8] = []
        for unit in needle.utf16 { pattern += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        pattern += [0, 0]
        guard haystack.count >= pattern.count, let first = pattern.first else { return false }
        var index = 0
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<pattern.count where haystack[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return true }
            }
            index += 1
        }
        return false
    }
}
