import Clearance
import Ledger

/// Names the file behind a journal change for staff: `由 inbox/departments/图书馆/ 的「数据导出-图书馆.xlsx」于
/// 2027-06-25 09:30:12 设置`.
///
/// The journal records the folder (`actor`), the file's SHA-256 (`source`) and the time; the file's name is in
/// the archive's `processed.tsv` for that SHA-256. Names are looked up once per file.
final class SourceNames {
    private let archive: Archive
    private let zone: LocalZone
    private var names: [String: String] = [:]

    init(archive: Archive, zone: LocalZone) {
        self.archive = archive
        self.zone = zone
    }

    /// Who set a value: the folder, the file's name when the archive knows it, and the local time.
    func describe(_ change: ItemHistory.Change) -> String {
        let file = name(change.source, folder: change.actor).map { " 的「\(Quoted.short($0))」" } ?? ""
        return "由 inbox/\(change.actor)/\(file)于 \(zone.text(ledger: change.time)) 设置"
    }

    private func name(_ sha: String, folder: String) -> String? {
        let key = folder + "\u{1F}" + sha
        if let known = names[key] { return known.isEmpty ? nil : known }
        // A file the archive cannot read is still described by its folder and time: this is a message, not a check.
        let lines = (try? archive.processing(sha)) ?? []
        let found = lines.first { $0.count >= 4 && $0[1] == folder && $0[3] != "rejected" }?[2] ?? ""
        names[key] = found
        return found.isEmpty ? nil : found
    }
}
