import Glibc
import Ledger

/// Receipt file names: `<original name><suffix>`, with control characters and slashes replaced, shortened
/// (keeping the start, adding a short hash) when that would not fit a file name's 255 bytes.
enum ReceiptName {
    static let maximumBytes = 255

    static func make(_ name: String, suffix: String) -> String {
        SafeFileName.make(name, suffix: suffix)
    }

    /// A receipt name no file in `folder` has yet: every receipt is kept, so the answer to a second file of the
    /// same name (or one that reads the same once made safe) is `<name> (2)<suffix>`, then `(3)` …
    static func unused(_ name: String, suffix: String, in folder: String) -> String {
        var candidate = make(name, suffix: suffix)
        var number = 2
        var status = stat()
        while lstat(folder + "/" + candidate, &status) == 0, number < 100_000 {
            candidate = make(name, suffix: " (\(number))" + suffix)
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
