import Clearance
import Ledger

/// A batch's state as snapshot rows (one per person, readable in Excel) and back.
enum SnapshotCodec {
    static let idHeader = "学工号"
    static let issuedTimeHeader = "发证时间"
    static let issuedSourceHeader = "发证来源"
    /// The last move recorded in the batch: from, to, time, folder, file.
    static let transferHeaders = ["转自批次", "转至批次", "转批次时间", "转批次文件夹", "转批次文件"]
    /// A standing withdrawal: time, folder, file, reason.
    static let withdrawalHeaders = ["撤销时间", "撤销文件夹", "撤销文件", "撤销原因"]
    static let profileFields = ProfileField.allCases

    static func statusHeader(_ item: ItemID) -> String { "状态:\(item.rawValue)" }
    static func remarkHeader(_ item: ItemID) -> String { "备注:\(item.rawValue)" }

    static func rows(_ state: BatchState, university: University) -> (header: [String], rows: [[String]]) {
        var itemIDs = university.items.map(\.id)
        let known = Set(itemIDs)
        let extra = Set(state.records.values.flatMap(\.items.keys)).subtracting(known).sorted()
        itemIDs += extra
        var header = [idHeader] + profileFields.map(\.label)
        for item in itemIDs { header += [statusHeader(item), remarkHeader(item)] }
        header += [issuedTimeHeader, issuedSourceHeader] + transferHeaders + withdrawalHeaders
        let rows = state.sortedRecords.map { record -> [String] in
            var row = [record.person.id.rawValue] + profileFields.map { record.person[$0] }
            for item in itemIDs {
                if let itemState = record.items[item] {
                    row += [String(itemState.status.rawValue), itemState.remark]
                } else {
                    row += ["", ""]
                }
            }
            row += [record.issuance?.time ?? "", record.issuance?.source ?? ""]
            let transfer = record.transfer
            row += [transfer?.from, transfer?.to, transfer?.time, transfer?.actor, transfer?.source].map { $0 ?? "" }
            let withdrawal = record.withdrawal
            row += [withdrawal?.time, withdrawal?.actor, withdrawal?.source, withdrawal?.reason].map { $0 ?? "" }
            return row
        }
        return (header, rows)
    }

    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func state(from snapshot: Snapshot, batch: Batch) throws -> BatchState {
        let header = snapshot.header
        guard header.first == idHeader else { throw Mismatch(description: "snapshot header does not start with 学工号") }
        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() { columns[name] = index }
        let items = header.compactMap { $0.hasPrefix("状态:") ? ItemID(String($0.dropFirst(3))) : nil }
        var state = BatchState(batch: batch)
        for row in snapshot.rows {
            guard row.count == header.count else { throw Mismatch(description: "a snapshot row has the wrong width") }
            let id = PersonID(row[0])
            var person = Person(id: id, name: "", college: "", level: "", batch: batch.id)
            for field in profileFields {
                if let index = columns[field.label] { person[field] = row[index] }
            }
            state.apply(.added(person))
            for item in items {
                guard let statusIndex = columns[statusHeader(item)], let code = Int(row[statusIndex]),
                    let status = Status(rawValue: code)
                else { continue }
                let remark = columns[remarkHeader(item)].map { row[$0] } ?? ""
                state.apply(.statusSet(id, item, old: .initial, new: ItemState(status: status, remark: remark)))
            }
            if let timeIndex = columns[issuedTimeHeader], !row[timeIndex].isEmpty {
                let source = columns[issuedSourceHeader].map { row[$0] } ?? ""
                state.apply(.issued(id, Issuance(time: row[timeIndex], source: source)))
            }
            // Snapshots written before moves and withdrawals were recorded have none of these columns.
            let transfer = transferHeaders.map { columns[$0].map { row[$0] } ?? "" }
            if !transfer[1].isEmpty {
                state.apply(
                    .moved(
                        id,
                        Transfer(
                            from: transfer[0], to: transfer[1], time: transfer[2], actor: transfer[3],
                            source: transfer[4])))
            }
            let withdrawal = withdrawalHeaders.map { columns[$0].map { row[$0] } ?? "" }
            if !withdrawal[0].isEmpty {
                state.apply(
                    .withdrawn(
                        id,
                        Withdrawal(
                            time: withdrawal[0], actor: withdrawal[1], source: withdrawal[2], reason: withdrawal[3])))
            }
        }
        return state
    }
}
