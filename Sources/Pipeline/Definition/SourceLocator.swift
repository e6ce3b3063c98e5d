import TOMLKit

/// Finds the line a decoding problem belongs to, since Codable errors carry key paths, not positions.
///
/// It knows the two shapes a pipeline file uses: `[section]` tables and `[[section]]` arrays of tables, whose
/// n-th header line starts entry n. Within a table, the first line starting with `key =` is the key's line.
struct SourceLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based line of `key` in the `index`-th `[[section]]` (or in `[section]` when `index` is nil).
    func line(section: String?, index: Int?, key: String?) -> Int? {
        guard let section else { return nil }
        var start: Int?
        var seen = 0
        for (number, line) in lines.enumerated() {
            let text = line.trimmingSpaces
            if index == nil, text == "[\(section)]" { start = number; break }
            if let index, text == "[[\(section)]]" {
                if seen == index { start = number; break }
                seen += 1
            }
        }
        guard let start else { return nil }
        guard let key else { return start + 1 }
        var number = start + 1
        while number < lines.count {
            let text = lines[number].trimmingSpaces
            if text.hasPrefix("[") { break }
            if text.hasPrefix(key + " ") || text.hasPrefix(key + "=") { return number + 1 }
            number += 1
        }
        return start + 1
    }

    func error(for error: DecodingError, file: String) -> PipelineError {
        let (path, reason): ([any CodingKey], String) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath + [key], "missing key \"\(key.stringValue)\"")
            case .typeMismatch(let type, let context):
                (
                    context.codingPath,
                    "\(describe(context.codingPath)) must be \(typeName(type, key: context.codingPath.last))"
                )
            case .valueNotFound(let type, let context):
                (
                    context.codingPath,
                    "\(describe(context.codingPath)) must be \(typeName(type, key: context.codingPath.last))"
                )
            case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
            @unknown default: ([], "\(error)")
            }
        return PipelineError(file: file, line: locate(path), reason: reason)
    }

    func error(for error: UnexpectedKeysError, file: String) -> PipelineError {
        let (key, path) = error.keys.sorted { $0.key < $1.key }.first ?? ("?", [])
        return PipelineError(file: file, line: locate(path), reason: "unknown key \"\(key)\" (a typo?)")
    }

    private func locate(_ path: [any CodingKey]) -> Int? {
        guard let section = path.first?.stringValue else { return nil }
        if path.count >= 2, let index = path[1].intValue {
            return line(section: section, index: index, key: path.count >= 3 ? path[2].stringValue : nil)
        }
        return line(section: section, index: nil, key: path.count >= 2 ? path[1].stringValue : nil)
    }

    private func describe(_ path: [any CodingKey]) -> String {
        path.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }

    private func typeName(_ type: Any.Type, key: (any CodingKey)?) -> String {
        if key?.stringValue == "deadline" { return "a date such as 2027-06-30 (no quotes)" }
        return switch "\(type)" {
        case "String": "a quoted string"
        case "Bool": "true or false"
        case "TOMLDate": "a date such as 2027-06-30"
        case let name where name.hasPrefix("Array"): "a list in brackets"
        default: "a \(type)"
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
