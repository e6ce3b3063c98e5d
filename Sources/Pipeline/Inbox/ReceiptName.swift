import Glibc
import Ledger

/// Receipt file names: `<local time> <original name><suffix>` in a folder per local day, with control characters
/// and slashes replaced, shortened (keeping the start, adding a short hash) when that would not fit a file name's
/// 255 bytes.
///
/// `回执/2027-06-25/09.30.12 数据导出-图书馆-2027届夏季毕业.xlsx.回执.xlsx`: every receipt is kept however often an
/// export is returned under its default name; names sort in the order files were processed, so the newest is
/// first when a folder is sorted by name or date (descending); and a season of hundreds of receipts stays a
/// readable list of days. Times use dots, which every file system and Windows Explorer accept.
enum ReceiptName {
    static let maximumBytes = 255

    /// The day folder and the time prefix for a receipt processed at `localTime` (`2027-06-25 09:30:12`).
    static func dated(_ localTime: String) -> (day: String, time: String) {
        let parts = localTime.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return ("未知日期", localTime.replacing(":", with: ".")) }
        return (parts[0], parts[1].replacing(":", with: "."))
    }

    static func make(_ name: String, suffix: String) -> String {
        SafeFileName.make(name, suffix: suffix)
    }

    /// `<time> <name><suffix>`, unless a file in `folder` has that name (two receipts in one second): then
    /// `<time>-2 <name><suffix>`, `-3` …, which sort after it, so names stay in the order files were processed.
    static func unused(time: String, _ name: String, suffix: String, in folder: String) -> String {
        var candidate = make(time + " " + name, suffix: suffix)
        var number = 2
        var status = stat()
        while lstat(folder + "/" + candidate, &status) == 0, number < 100_000 {
            candidate = make("\(time)-\(number) " + name, suffix: suffix)
            number += 1
        }
        return candidate
    }
}

/// File names lixiao writes from names it was given (receipts, notices): no control characters, no slashes, no
/// leading dot, at most 255 bytes with the suffix, and different inputs keep different names.
enum SafeFileName {
    static let maximumBytes = 255

    static func make(_ name: String, suffix: String) -> String {
        var cleaned = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    scalar.value < 0x20 || scalar.value == 0x7F || scalar == "/" || (0x80..<0xA0).contains(scalar.value)
                        || scalar == "\u{2028}" || scalar == "\u{2029}" ? "_" : scalar
                }))
        if cleaned.hasPrefix(".") { cleaned = "_" + cleaned.dropFirst() }
        if cleaned.isEmpty { cleaned = "_" }
        guard cleaned != name || (cleaned + suffix).utf8.count > maximumBytes else { return cleaned + suffix }
        if cleaned == name { return shortened(cleaned, suffix: suffix, tag: name) }
        // A name that had to be cleaned keeps a short hash of the original, so two names differing only in a
        // control character stay two files.
        return shortened(cleaned, suffix: suffix, tag: name, always: true)
    }

    private static func shortened(_ name: String, suffix: String, tag original: String, always: Bool = false)
        -> String
    {
        let tag = "…" + String(SHA256Hex.of(Array(original.utf8)).prefix(8))
        if always, (name + tag + suffix).utf8.count <= maximumBytes { return name + tag + suffix }
        let budget = maximumBytes - suffix.utf8.count - tag.utf8.count
        var kept = ""
        for character in name {
            if kept.utf8.count + String(character).utf8.count > budget { break }
            kept.append(character)
        }
        return kept + tag + suffix
    }
}
