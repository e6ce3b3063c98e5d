import Clearance
import Foundation
import Sheets

/// File names and document properties of the college-side, statistics and notice workbooks.
enum OutputNaming {
    /// `parts` joined with `-` plus `.xlsx`, each part made safe as a file name on Windows, macOS and Linux.
    ///
    /// Characters Windows refuses (`\ / : * ? " < > |`) and control characters become `_`; leading dots and
    /// spaces are dropped so the file never hides; an empty part becomes `_`.
    ///
    /// A name that would pass `maximumBytes` (a file name's 255 bytes, less room for the extension a sibling
    /// such as a PDF may add) keeps its start and gains a short digest of the whole, so it stays unique.
    static func fileName(_ parts: [String]) -> String {
        let stem = parts.map(safePart).joined(separator: "-")
        guard stem.utf8.count > maximumBytes else { return stem + ".xlsx" }
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stem.utf8 { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let tag = "…" + String(String(digest, radix: 16).prefix(8))
        var kept = ""
        for character in stem {
            if kept.utf8.count + String(character).utf8.count + tag.utf8.count > maximumBytes { break }
            kept.append(character)
        }
        return kept + tag + ".xlsx"
    }

    /// The longest stem a generated file name keeps whole.
    static let maximumBytes = 200

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
            createdUnixTime: LocalZone(context.zone).instant(local: context.generatedAt).map {
                Int64($0.timeIntervalSince1970)
            })
    }
}
