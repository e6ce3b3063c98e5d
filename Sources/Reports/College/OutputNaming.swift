import Clearance
import Foundation
import Sheets

/// File names and document properties of the college-side, statistics and notice workbooks.
enum OutputNaming {
    /// `parts` joined with `-` plus `.xlsx`, each part made safe as a file name on Windows, macOS and Linux.
    ///
    /// Characters Windows refuses (`\ / : * ? " < > |`) and control characters become `_`; leading dots and
    /// spaces are dropped so the file never hides; an empty part becomes `_`.
    static func fileName(_ parts: [String]) -> String {
        parts.map(safePart).joined(separator: "-") + ".xlsx"
    }

    private static let refused: Set<Character> = ["\\", "/", ":", "*", "?", "\"", "<", ">", "|"]

    private static func safePart(_ text: String) -> String {
        var safe = String(
            text.map { character in
                refused.contains(character) || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                    ? "_" : character
            })
        while let first = safe.first, first == "." || first == " " { safe.removeFirst() }
        while let last = safe.last, last == " " { safe.removeLast() }
        return safe.isEmpty ? "_" : safe
    }

    /// Properties every generated workbook carries: title, subject, the university as company, the batch as
    /// keywords, and the generation time (so regenerating the same context writes the same properties).
    static func properties(_ context: OutputContext, title: String, subject: String) -> DocumentProperties {
        DocumentProperties(
            title: title, subject: subject, author: "lixiao", company: context.university.name,
            category: "离校手续", keywords: context.batch.name,
            comments: "由 lixiao 于 \(context.generatedAt) 根据离校台账生成，请勿手工修改统计数据。",
            createdUnixTime: unixTime(localTime: context.generatedAt))
    }

    /// Seconds since 1970 of a local `yyyy-MM-dd HH:mm:ss` time, or `nil` when the text is not one.
    static func unixTime(localTime text: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.date(from: text).map { Int64($0.timeIntervalSince1970) }
    }
}
