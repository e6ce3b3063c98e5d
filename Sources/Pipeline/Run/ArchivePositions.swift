import Clearance
import Ledger

/// How far each journal reached when a dropped file was processed, as the last field of its `processed.tsv` line.
///
/// The text is `<batch>=<last sequence>` for each batch, joined by spaces (`2027-summer=3303 2027-winter=20`).
/// Every change of a processed file is in the journal before that line is written, so a journal ending before a
/// position the archive recorded has lost records; `lixiao verify` checks every line (lines written before
/// positions were recorded have none and are skipped).
enum ArchivePositions {
    static func text(of journals: [Journal]) -> String {
        journals.map { "\($0.batch)=\($0.lastSequence)" }.joined(separator: " ")
    }

    /// The positions a line's last field records, by batch; empty for a line without them.
    static func parse(_ fields: [String]) -> [String: Int] {
        guard fields.count >= 6 else { return [:] }
        var positions: [String: Int] = [:]
        for pair in fields[5].split(separator: " ") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let sequence = Int(parts[1]) else { continue }
            positions[String(parts[0])] = sequence
        }
        return positions
    }

    /// The furthest position the archive recorded for each batch, with the `processed.tsv` that recorded it.
    static func furthest(in archive: Archive) throws(LedgerError) -> [String: (sequence: Int, file: String)] {
        var furthest: [String: (sequence: Int, file: String)] = [:]
        for sha in try archive.storedFiles() {
            for line in try archive.processing(sha) {
                for (batch, sequence) in parse(line) where sequence > (furthest[batch]?.sequence ?? 0) {
                    furthest[batch] = (sequence, archive.folder(for: sha) + "/processed.tsv")
                }
            }
        }
        return furthest
    }
}
